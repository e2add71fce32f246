"""Makes the small MD fixtures of org.latentdyn.md tests (run once; the outputs are committed).

Needs numpy and mdtraj (Debian: python3-mdtraj), whose XTC/DCD writers and readers are the independent
reference here, and the shared alanine-dipeptide data at ../shared/data/alanine-dipeptide (from the project
root). Run from the project root:  python3 src/test/resources/org/latentdyn/md/make_fixtures.py
"""
import os
import struct

import mdtraj.formats as mf
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ALA = os.path.join("..", "shared", "data", "alanine-dipeptide")
HEAD = 5  # frames kept from the shipped trajectories


def out(name):
    return os.path.join(HERE, name)


def xtc_frame_ends(data):
    """Byte offsets where each frame of an XTC file ends (1995-magic frames only)."""
    ends, pos = [], 0
    while pos < len(data):
        magic, natoms = struct.unpack(">ii", data[pos:pos + 8])
        assert magic == 1995, magic
        pos += 56
        if natoms <= 9:
            pos += 12 * natoms
        else:
            pos += 32
            (nbytes,) = struct.unpack(">i", data[pos:pos + 4])
            pos += 4 + (nbytes + 3) // 4 * 4
        ends.append(pos)
    return ends


def read_xtc(path):
    with mf.XTCTrajectoryFile(path) as f:
        xyz, time, step, box = f.read()
    return xyz.reshape(len(xyz), -1).astype(np.float32)


# 1. the first frames of the shipped DCD (OpenMM's writer) and XTC, byte for byte
with open(os.path.join(ALA, "trajectory.dcd"), "rb") as f:
    dcd = f.read()
natoms_at = dcd.index(struct.pack("<iii", 4, 22, 4))
header = natoms_at + 12
frame = 3 * (8 + 4 * 22)
head = bytearray(dcd[:header + HEAD * frame])
head[8:12] = struct.pack("<i", HEAD)  # icntrl[0], the frame count
with open(out("ala2-head.dcd"), "wb") as f:
    f.write(head)
with open(os.path.join(ALA, "trajectory.xtc"), "rb") as f:
    xtc = f.read(200000)
with open(out("ala2-head.xtc"), "wb") as f:
    f.write(xtc[:xtc_frame_ends(xtc)[HEAD - 1]])
with mf.DCDTrajectoryFile(out("ala2-head.dcd")) as f:
    xyz, lengths, angles = f.read()
np.save(out("ala2-head-dcd.npy"), (xyz.reshape(HEAD, -1) / np.float32(10)).astype(np.float32))
np.save(out("ala2-head-xtc.npy"), read_xtc(out("ala2-head.xtc")))

rng = np.random.default_rng(7)

# 2. water-like: 100 molecules (O and two H 0.1 nm away) in a 3 nm box; small-atom runs and smallidx steps
def waters(n):
    o = rng.uniform(0, 3, size=(n, 3))
    h1 = o + rng.normal(size=(n, 3)) * 0.06
    h2 = o + rng.normal(size=(n, 3)) * 0.06
    return np.stack([o, h1, h2], axis=1).reshape(3 * n, 3)

water = np.stack([waters(100) for _ in range(3)]).astype(np.float32)
water[2, :30] += 1.5  # a jump in part of the last frame
with mf.XTCTrajectoryFile(out("water.xtc"), "w") as f:
    f.write(water)
np.save(out("water.npy"), read_xtc(out("water.xtc")))

# 3. a range over 2^24 / precision (16.8 um at precision 1000): the large-integer path of xdr3dfcoord
wide = rng.uniform(0, 20000, size=(2, 30, 3)).astype(np.float32)
wide[:, 10:13] = wide[:, 9:10] + rng.normal(size=(2, 3, 3)).astype(np.float32) * 0.05
with mf.XTCTrajectoryFile(out("wide.xtc"), "w") as f:
    f.write(wide)
np.save(out("wide.npy"), read_xtc(out("wide.xtc")))

# 4. nine atoms or fewer are stored as plain floats
few = rng.uniform(-2, 2, size=(2, 4, 3)).astype(np.float32)
with mf.XTCTrajectoryFile(out("few.xtc"), "w") as f:
    f.write(few, time=np.array([0.5, 1.5], dtype=np.float32), step=np.array([10, 20], dtype=np.int32),
            box=np.array([np.diag([2.0, 3.0, 4.0])] * 2, dtype=np.float32))
np.save(out("few.npy"), read_xtc(out("few.xtc")))

# 5. a CHARMM DCD with a unit-cell block in every frame (mdtraj's writer), angstrom
cell = rng.uniform(-10, 10, size=(3, 4, 3)).astype(np.float32)
lengths = np.array([[30, 31, 32]] * 3, dtype=np.float32)
angles = np.array([[90, 90, 90]] * 3, dtype=np.float32)
with mf.DCDTrajectoryFile(out("cell.dcd"), "w") as f:
    f.write(cell, cell_lengths=lengths, cell_angles=angles)
with mf.DCDTrajectoryFile(out("cell.dcd")) as f:
    xyz, lengths, angles = f.read()
np.save(out("cell.npy"), (xyz.reshape(3, -1) / np.float32(10)).astype(np.float32))
