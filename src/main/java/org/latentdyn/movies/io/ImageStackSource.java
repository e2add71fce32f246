package org.latentdyn.movies.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.latentdyn.data.io.MalformedFileException;

/**
 * Frames decoded by the JDK's own {@code javax.imageio}: the pages of a multi-page TIFF stack (8- or 16-bit grey,
 * RGB, or float samples), or a folder of PNG frames in natural name order ({@link NaturalOrder}). Every page or file
 * is checked for its size when the source opens, so a stack of mixed sizes fails before any frame is used.
 */
final class ImageStackSource implements FrameSource {
  private final String name;
  private final String format;
  /** TIFF: the open reader; PNG folder: null. */
  private final ImageReader tiff;
  private final ImageInputStream tiffStream;
  /** PNG folder: the frame files in order. */
  private final List<Path> pngs;
  private final boolean scale;
  private final int frames;
  private final int height;
  private final int width;
  private final int channels;
  private final int bits;

  private ImageStackSource(String name, String format, ImageReader tiff, ImageInputStream tiffStream,
      List<Path> pngs, boolean scale, int frames, int width, int height, BufferedImage first) {
    this.name = name;
    this.format = format;
    this.tiff = tiff;
    this.tiffStream = tiffStream;
    this.pngs = pngs;
    this.scale = scale;
    this.frames = frames;
    this.width = width;
    this.height = height;
    this.channels = Pixels.channels(first);
    this.bits = Pixels.bits(first);
  }

  /** Opens a multi-page TIFF and checks that all pages have one size. */
  static ImageStackSource tiff(Path file, boolean scale) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
    if (!readers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no TIFF reader (javax.imageio, Java 9+)");
    }
    ImageReader reader = readers.next();
    ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
    if (in == null) {
      throw new MalformedFileException(file + ": cannot be opened as an image stream");
    }
    try {
      reader.setInput(in, false, true);
      int n;
      int w;
      int h;
      try {
        n = reader.getNumImages(true);
        w = reader.getWidth(0);
        h = reader.getHeight(0);
        for (int i = 1; i < n; i++) {
          int wi = reader.getWidth(i);
          int hi = reader.getHeight(i);
          if (wi != w || hi != h) {
            throw new MalformedFileException(file + ": page " + i + " is " + wi + "x" + hi + " but page 0 is " + w
                + "x" + h + "; a TIFF stack needs pages of one size");
          }
        }
      } catch (MalformedFileException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new MalformedFileException(file + ": not a readable TIFF (" + e.getMessage() + ")", e);
      }
      Pixels.checkDims(file, n, 1, h, w);
      BufferedImage first = reader.read(0);
      return new ImageStackSource(file.toString(), "tiff", reader, in, null, scale, n, w, h, first);
    } catch (IOException | RuntimeException e) {
      reader.dispose();
      in.close();
      throw e;
    }
  }

  /** Opens a folder of PNG frames: every visible regular file must be a readable PNG of the first one's size. */
  static ImageStackSource pngFolder(Path dir, boolean scale) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String fn = p.getFileName().toString();
        if (fn.startsWith(".") || Files.isDirectory(p)) {
          continue;
        }
        if (!fn.toLowerCase(Locale.ROOT).endsWith(".png")) {
          throw new MalformedFileException(p + ": not a PNG frame; a frame folder holds only .png files");
        }
        files.add(p);
      }
    }
    if (files.isEmpty()) {
      throw new MalformedFileException(dir + ": no .png frames in the folder");
    }
    files.sort((a, b) -> NaturalOrder.COMPARATOR.compare(a.getFileName().toString(), b.getFileName().toString()));
    int w = -1;
    int h = -1;
    for (Path p : files) {
      int[] size = pngSize(p);
      if (w < 0) {
        w = size[0];
        h = size[1];
      } else if (size[0] != w || size[1] != h) {
        throw new MalformedFileException(p + ": frame is " + size[0] + "x" + size[1] + " but " + files.get(0)
            .getFileName() + " is " + w + "x" + h + "; all frames need one size");
      }
    }
    BufferedImage first = decode(files.get(0));
    return new ImageStackSource(dir.toString(), "png folder", null, null, List.copyOf(files), scale, files.size(),
        w, h, first);
  }

  private static int[] pngSize(Path p) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
      Iterator<ImageReader> it = in == null ? null : ImageIO.getImageReaders(in);
      if (it == null || !it.hasNext()) {
        throw new MalformedFileException(p + ": not a readable PNG image");
      }
      ImageReader r = it.next();
      try {
        r.setInput(in, true, true);
        return new int[] {r.getWidth(0), r.getHeight(0)};
      } catch (IOException | RuntimeException e) {
        throw new MalformedFileException(p + ": not a readable PNG image (" + e.getMessage() + ")", e);
      } finally {
        r.dispose();
      }
    }
  }

  private static BufferedImage decode(Path p) throws IOException {
    BufferedImage img;
    try {
      img = ImageIO.read(p.toFile());
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(p + ": not a readable PNG image (" + e.getMessage() + ")", e);
    }
    if (img == null) {
      throw new MalformedFileException(p + ": not a readable PNG image");
    }
    return img;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format);
    m.put("bitsPerSample", bits);
    m.put("pixelScale", scale ? "integer samples divided by 2^bits - 1" : "none (values as stored)");
    if (pngs != null) {
      m.put("order", "natural name order, first " + pngs.get(0).getFileName() + ", last "
          + pngs.get(pngs.size() - 1).getFileName());
    }
    return m;
  }

  @Override
  public Shape shape() {
    return new Shape(frames, channels, height, width);
  }

  @Override
  public void read(int frame, float[] dst) throws IOException {
    BufferedImage img;
    String where;
    if (tiff != null) {
      where = name + " page " + frame;
      try {
        img = tiff.read(frame);
      } catch (IOException | RuntimeException e) {
        throw new MalformedFileException(where + ": cannot be decoded (" + e.getMessage() + ")", e);
      }
    } else {
      where = pngs.get(frame).toString();
      img = decode(pngs.get(frame));
    }
    if (img.getWidth() != width || img.getHeight() != height) {
      throw new MalformedFileException(where + ": is " + img.getWidth() + "x" + img.getHeight() + ", not "
          + width + "x" + height + " like the first frame");
    }
    int c = Pixels.channels(img);
    if (c != channels) {
      throw new MalformedFileException(where + ": has " + c + " colour channels, the first frame " + channels);
    }
    Pixels.toFloats(img, channels, dst, scale);
  }

  @Override
  public void close() throws IOException {
    if (tiff != null) {
      tiff.dispose();
      tiffStream.close();
    }
  }
}
