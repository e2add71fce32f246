package org.latentdyn.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchStateDictTest {
  @TempDir Path dir;

  @Test
  void readsTwoTensorsOfAHandWrittenStateDict() throws IOException {
    Path f = new TorchZips()
        .tensor("layer.weight", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
        .tensor("_beta", new float[] {0.25f})
        .write(dir.resolve("model.pth"));
    // the shape of a scalar is []: it was written with its own storage of one value and no size
    Map<String, TorchStateDict.Tensor> sd = TorchStateDict.read(f);
    assertEquals(List.of("layer.weight", "_beta"), List.copyOf(sd.keySet()));
    assertArrayEquals(new int[] {2, 3}, sd.get("layer.weight").shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, sd.get("layer.weight").values());
    assertArrayEquals(new int[] {}, sd.get("_beta").shape());
    assertArrayEquals(new float[] {0.25f}, sd.get("_beta").values());
  }

  @Test
  void honoursOffsetAndStrideAndSharedStorages() throws IOException {
    Path f = new TorchZips()
        .storage("s", new float[] {9, 1, 2, 3, 4, 5, 6})
        .view("a", "s", 1, new int[] {2, 3}, new int[] {3, 1})
        .view("aT", "s", 1, new int[] {3, 2}, new int[] {1, 3})
        .view("last", "s", 6, new int[] {}, new int[] {})
        .view("row", "s", 4, new int[] {1, 3}, new int[] {3, 1})
        .write(dir.resolve("views.pth"));
    Map<String, TorchStateDict.Tensor> sd = TorchStateDict.read(f);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, sd.get("a").values());
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, sd.get("aT").values());
    assertArrayEquals(new float[] {6}, sd.get("last").values());
    assertArrayEquals(new float[] {4, 5, 6}, sd.get("row").values());
    assertArrayEquals(new int[] {1, 3}, sd.get("row").shape());
  }

  @Test
  void rejectsAFileThatIsNotAZip() throws IOException {
    Path f = Files.writeString(dir.resolve("notes.pth"), "not a zip");
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> TorchStateDict.read(f));
    assertTrue(e.getMessage().contains("notes.pth") && e.getMessage().contains("zip"), e.getMessage());
    assertThrows(NoSuchFileException.class, () -> TorchStateDict.read(dir.resolve("absent.pth")));
  }

  @Test
  void namesAnUnsupportedOpcode() throws IOException {
    TorchZips z = new TorchZips().tensor("w", new float[] {1, 2}, 2);
    byte[] p = z.pickle();
    byte[] framed = new byte[p.length + 9];
    framed[0] = (byte) 0x80;
    framed[1] = 4;
    framed[2] = (byte) 0x95; // FRAME (protocol 4), which torch.save's protocol 2 never writes
    System.arraycopy(p, 2, framed, 11, p.length - 2);
    Path f = z.write(dir.resolve("framed.pth"), framed);
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> TorchStateDict.read(f));
    assertTrue(e.getMessage().contains("0x95") && e.getMessage().contains("framed.pth"), e.getMessage());
  }

  @Test
  void rejectsATruncatedStorageAndAViewPastItsStorage() throws IOException {
    TorchZips z = new TorchZips().storage("0", new float[] {1, 2, 3}).view("w", "0", 2, new int[] {2},
        new int[] {1});
    MalformedFileException e = assertThrows(MalformedFileException.class,
        () -> TorchStateDict.read(z.write(dir.resolve("past.pth"))));
    assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("past.pth"), e.getMessage());

    byte[] p = new TorchZips().storage("0", new float[] {1, 2, 3, 4}).view("w", "0", 0, new int[] {4},
        new int[] {1}).pickle();
    Path f = new TorchZips().storage("0", new float[] {1, 2, 3}).write(dir.resolve("short.pth"), p);
    e = assertThrows(MalformedFileException.class, () -> TorchStateDict.read(f));
    assertTrue(e.getMessage().contains("archive/data/0") && e.getMessage().contains("12 bytes"), e.getMessage());
  }

  @Test
  void rejectsAPickleThatIsNotAStateDict() throws IOException {
    byte[] listPickle = {(byte) 0x80, 2, ']', '.'};
    Path f = new TorchZips().write(dir.resolve("list.pth"), listPickle);
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> TorchStateDict.read(f));
    assertTrue(e.getMessage().contains("OrderedDict"), e.getMessage());
    byte[] truncated = {(byte) 0x80, 2, '}'};
    Path g = new TorchZips().write(dir.resolve("cut.pth"), truncated);
    e = assertThrows(MalformedFileException.class, () -> TorchStateDict.read(g));
    assertTrue(e.getMessage().contains("before STOP"), e.getMessage());
  }
}
