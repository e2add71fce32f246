package org.latentdyn.data;

/** A {@link FrameStore} from a copier, with its indices checked; in memory when it wraps a whole trajectory. */
final class IndexedFrames implements FrameStore {
  private final int frames;
  private final int features;
  private final FrameCopier copier;
  private final Trajectory whole;

  IndexedFrames(int frames, int features, FrameCopier copier, Trajectory whole) {
    if (frames < 1 || features < 1) {
      throw new IllegalArgumentException("a frame store needs >= 1 frames of >= 1 features, got " + frames
          + " of " + features);
    }
    this.frames = frames;
    this.features = features;
    this.copier = copier;
    this.whole = whole;
  }

  @Override
  public int frames() {
    return frames;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public boolean inMemory() {
    return whole != null;
  }

  @Override
  public void copy(int frame, float[] dst, int offset) {
    if (frame < 0 || frame >= frames) {
      throw new IndexOutOfBoundsException("frame " + frame + " is not in [0, " + frames + ")");
    }
    copier.copy(frame, dst, offset);
  }

  @Override
  public Trajectory read(int from, int count) {
    return whole != null && from == 0 && count == frames ? whole : FrameStore.super.read(from, count);
  }
}
