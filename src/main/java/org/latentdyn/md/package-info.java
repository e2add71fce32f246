/**
 * Molecular-dynamics trajectories in plain Java (no DJL): topologies with atom selections and backbone
 * dihedrals, and readers of the DCD, XTC, PDB and XYZ formats that stream frame by frame.
 *
 * <h2>Shapes and units</h2>
 * <ul>
 *   <li>A frame is {@code float[3 * atoms]}: {@code x, y, z} of atom {@code i} at {@code 3i, 3i + 1, 3i + 2},
 *       always in <b>nm</b>. Readers convert: DCD, PDB and XYZ store angstrom (divided by 10), XTC and the
 *       array files hold nm already. A trajectory of frames is a {@link org.latentdyn.data.Trajectory}
 *       {@code [frames, 3 * atoms]}.
 *   <li>Atom indices are 0-based positions in the {@link org.latentdyn.md.Topology} and in every frame
 *       (the PDB serial number minus one when the serials count from 1).
 *   <li>A {@link org.latentdyn.md.FrameReader} is read with {@code next(frame)} until it returns false;
 *       {@link org.latentdyn.md.FrameReaders#open} picks the reader by extension and
 *       {@link org.latentdyn.md.MultiFileReader} chains the files of one dataset, reporting each file's frame
 *       range.
 *   <li>Malformed or truncated files are {@link java.io.IOException}s naming the file and the 0-based frame
 *       (and line, for text formats); bad arguments and mismatched atom counts are
 *       {@link java.lang.IllegalArgumentException}s naming the values.
 * </ul>
 */
package org.latentdyn.md;
