/**
 * Neural building blocks on Deep Java Library (with {@code models}, the only code that touches DJL).
 *
 * <p>Shapes: every {@link org.latentdyn.nn.Network} maps rows {@code [batch, inputDim]} to {@code [batch,
 * outputDim]}; its weights are a block of one flat {@link org.latentdyn.nn.ParameterVector}. Vector frames are
 * {@code [batch, features]}; image frames {@code [batch, channels, 64, 64]} are passed flattened as
 * {@code [batch, channels * 64 * 64]} (C order) and reshaped inside {@link org.latentdyn.nn.ConvEncoder} and
 * {@link org.latentdyn.nn.ConvDecoder}. Latents are {@code [batch, latentDim]}.
 *
 * <p>Under a {@code GradientCollector}, scale arrays with {@link org.latentdyn.nn.Tensors#times} and
 * {@link org.latentdyn.nn.Tensors#over}, never {@code NDArray.mul(Number)}, on values autograd saves.
 */
package org.latentdyn.nn;
