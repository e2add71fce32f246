/**
 * Array file formats: NumPy {@code .npy}/{@code .npz}, CSV with a header row, and HDF5 datasets, plus
 * {@link org.latentdyn.data.io.ArrayFiles}, one entry point by file extension ({@code file.npz:key},
 * {@code file.h5:/group/dataset}), and {@link org.latentdyn.data.io.TorchStateDict}, a reader of PyTorch
 * {@code torch.save} zip state dicts (float32 tensors by name).
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>{@link org.latentdyn.data.io.NpyArray} is the in-memory value: a
 *       {@link org.latentdyn.data.io.DType}, a shape and the elements in C (row-major) order. A trajectory
 *       file is a 2-D array {@code [frames, features]}; a 1-D array {@code [frames]} is read as one
 *       feature. Image movies are {@code [frames, height, width]} or {@code [frames, channels, height,
 *       width]}.
 *   <li>Every writer goes through {@link org.latentdyn.data.io.AtomicFiles}: a temporary file in the
 *       target directory, then an atomic rename; a failed write leaves neither a partial file nor the
 *       temporary file.
 *   <li>Malformed content is an {@link java.io.IOException} whose message names the file (and the key,
 *       line or column) and the offending value; a missing file is a
 *       {@link java.nio.file.NoSuchFileException}; bad arguments are
 *       {@link java.lang.IllegalArgumentException}s.
 * </ul>
 */
package org.latentdyn.data.io;
