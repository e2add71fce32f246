/**
 * Plain-Java float kernels for one fused DynAE training step (forward, hand-written backward, Adam), without
 * DJL: at DynAE's sizes (batch 256, width 32) a step is dominated by per-native-call overhead, not arithmetic.
 *
 * <p>Activations are stored feature-major, one {@code float[]} per unit holding that unit's value for every
 * sample of the batch: {@code rows [width][batch]}. Inner loops then run over the batch, from index 0, in
 * arrays distinct from their destination, which C2 auto-vectorises. Weights stay in the flat layout of
 * {@link org.latentdyn.nn.Mlp}: per layer {@code W [in, out]} row-major then {@code b [out]}. All kernels use a
 * fixed order of floating-point operations, so results are bit-reproducible on one machine. No allocation per
 * call: every buffer is preallocated by its owner.
 */
package org.latentdyn.nn.fused;
