package org.latentdyn.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A strict reader of PyTorch {@code torch.save} state dicts in the zip format (PyTorch >= 1.6): the zip holds
 * {@code <prefix>/data.pkl}, a pickle (protocol 2) of an {@code OrderedDict} of parameter name to
 * {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks)}, whose
 * storages are persistent ids {@code ('storage', torch.FloatStorage, key, location, numel)} pointing at the raw
 * little-endian entries {@code <prefix>/data/<key>}.
 *
 * <p>Plain Java (no native code, no PyTorch). The pickle machine knows only the opcodes and globals such files
 * use ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code torch.FloatStorage});
 * anything else is refused with a {@link MalformedFileException} naming the opcode or global and the file. Only
 * float32 storages are supported. Tensors are returned row-major in their logical shape, gathered through their
 * storage offset and strides; tensors that share a storage (e.g. a module registered twice) each get a copy.
 */
public final class TorchStateDict {
  private TorchStateDict() {}

  /**
   * One tensor.
   *
   * @param shape its size per dimension ({@code []} for a scalar)
   * @param values its elements, row-major ({@code product(shape)} values)
   */
  public record Tensor(int[] shape, float[] values) {
    /** Number of elements. */
    public int size() {
      return values.length;
    }

    /** The shape as text, e.g. {@code [96, 3]}. */
    public String shapeText() {
      return Arrays.toString(shape);
    }
  }

  /** Reads every tensor of the state dict in {@code path}, in file order. */
  public static Map<String, Tensor> read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new java.nio.file.NoSuchFileException(path.toString(), null,
          "file " + path + " does not exist or is not a regular file");
    }
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw new MalformedFileException(path + " is not a torch.save zip archive (" + e.getMessage() + ")", e);
    }
    try (zip) {
      String pkl = null;
      for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
        String name = en.nextElement().getName();
        if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
          if (pkl != null) {
            throw new MalformedFileException(path + " holds two pickles, " + pkl + " and " + name
                + "; expected one <prefix>/data.pkl");
          }
          pkl = name;
        }
      }
      if (pkl == null) {
        throw new MalformedFileException(path + " has no <prefix>/data.pkl entry; expected a torch.save zip archive");
      }
      String prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
      byte[] bytes;
      try (InputStream in = zip.getInputStream(zip.getEntry(pkl))) {
        bytes = in.readAllBytes();
      }
      Object root = new Unpickler(bytes, path + ":" + pkl).load();
      if (!(root instanceof Map<?, ?> dict)) {
        throw new MalformedFileException(path + ": the pickle holds " + describe(root)
            + ", expected an OrderedDict state dict");
      }
      Map<String, float[]> storages = new HashMap<>();
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : dict.entrySet()) {
        if (!(e.getKey() instanceof String name)) {
          throw new MalformedFileException(path + ": state dict key " + describe(e.getKey())
              + " is not a string");
        }
        if (!(e.getValue() instanceof TensorRef ref)) {
          throw new MalformedFileException(path + ": state dict entry '" + name + "' holds "
              + describe(e.getValue()) + ", expected a tensor");
        }
        float[] storage = storages.get(ref.storage.key);
        if (storage == null) {
          storage = readStorage(zip, prefix, ref.storage, path);
          storages.put(ref.storage.key, storage);
        } else if (storage.length != ref.storage.numel) {
          throw new MalformedFileException(path + ": storage '" + ref.storage.key + "' is declared with "
              + ref.storage.numel + " and " + storage.length + " elements");
        }
        out.put(name, gather(name, ref, storage, path));
      }
      return Collections.unmodifiableMap(out);
    }
  }

  private static float[] readStorage(ZipFile zip, String prefix, StorageRef s, Path path) throws IOException {
    String entryName = prefix + "data/" + s.key;
    ZipEntry entry = zip.getEntry(entryName);
    if (entry == null) {
      throw new MalformedFileException(path + " has no entry " + entryName + " for storage '" + s.key + "'");
    }
    byte[] raw;
    try (InputStream in = zip.getInputStream(entry)) {
      raw = in.readAllBytes();
    }
    if (raw.length != 4L * s.numel) {
      throw new MalformedFileException(path + ": entry " + entryName + " has " + raw.length + " bytes, expected "
          + (4L * s.numel) + " for " + s.numel + " float32 values");
    }
    float[] v = new float[s.numel];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  private static Tensor gather(String name, TensorRef ref, float[] storage, Path path) throws MalformedFileException {
    int rank = ref.size.length;
    if (ref.stride.length != rank) {
      throw new MalformedFileException(path + ": tensor '" + name + "' has size " + Arrays.toString(ref.size)
          + " but stride " + Arrays.toString(ref.stride));
    }
    long n = 1;
    long maxIndex = ref.offset;
    for (int i = 0; i < rank; i++) {
      if (ref.size[i] < 0 || ref.stride[i] < 0) {
        throw new MalformedFileException(path + ": tensor '" + name + "' has size " + Arrays.toString(ref.size)
            + " and stride " + Arrays.toString(ref.stride) + "; expected non-negative values");
      }
      n *= ref.size[i];
      if (ref.size[i] > 0) {
        maxIndex += (long) (ref.size[i] - 1) * ref.stride[i];
      }
    }
    if (n > Integer.MAX_VALUE) {
      throw new MalformedFileException(path + ": tensor '" + name + "' has " + n + " elements, too many");
    }
    if (ref.offset < 0 || (n > 0 && maxIndex >= storage.length)) {
      throw new MalformedFileException(path + ": tensor '" + name + "' (offset " + ref.offset + ", size "
          + Arrays.toString(ref.size) + ", stride " + Arrays.toString(ref.stride) + ") reaches past its storage '"
          + ref.storage.key + "' of " + storage.length + " elements");
    }
    float[] v = new float[(int) n];
    int[] idx = new int[rank];
    for (int k = 0; k < n; k++) {
      long s = ref.offset;
      for (int i = 0; i < rank; i++) {
        s += (long) idx[i] * ref.stride[i];
      }
      v[k] = storage[(int) s];
      for (int i = rank - 1; i >= 0; i--) {
        if (++idx[i] < ref.size[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return new Tensor(ref.size.clone(), v);
  }

  private static String describe(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof Global g) {
      return "global " + g.module + "." + g.name;
    }
    return "a " + o.getClass().getSimpleName();
  }

  /** A pickled global, {@code module.name}. */
  private record Global(String module, String name) {}

  /** A pickled tuple. */
  private record Tuple(List<Object> items) {}

  /** A persistent storage id. */
  private record StorageRef(String key, int numel) {}

  /** The arguments of {@code _rebuild_tensor_v2}. */
  private record TensorRef(StorageRef storage, long offset, int[] size, int[] stride) {}

  /** A pickle virtual machine for the opcodes of torch.save state dicts. */
  private static final class Unpickler {
    private static final Object MARK = new Object();
    private final byte[] b;
    private final String file;
    private int pos;
    private final List<Object> stackList = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    Unpickler(byte[] bytes, String file) {
      this.b = bytes;
      this.file = file;
    }

    Object load() throws MalformedFileException {
      while (true) {
        int at = pos;
        int op = u8();
        switch (op) {
          case 0x80 -> { // PROTO
            int proto = u8();
            if (proto > 5) {
              throw bad("pickle protocol " + proto + " at byte " + at + "; expected <= 5");
            }
          }
          case '}' -> push(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
          case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
          case ']' -> push(new ArrayList<Object>()); // EMPTY_LIST
          case '(' -> push(MARK); // MARK
          case 'c' -> push(new Global(line(), line())); // GLOBAL
          case 'q' -> memo.put(u8(), peek()); // BINPUT
          case 'r' -> memo.put(i32(), peek()); // LONG_BINPUT
          case 'h' -> push(memoGet(u8(), at)); // BINGET
          case 'j' -> push(memoGet(i32(), at)); // LONG_BINGET
          case 'X' -> push(utf8(i32())); // BINUNICODE
          case 0x8c -> push(utf8(u8())); // SHORT_BINUNICODE
          case 'J' -> push((long) i32()); // BININT
          case 'K' -> push((long) u8()); // BININT1
          case 'M' -> push((long) (u8() | (u8() << 8))); // BININT2
          case 'G' -> push(f64()); // BINFLOAT
          case 0x89 -> push(Boolean.FALSE); // NEWFALSE
          case 0x88 -> push(Boolean.TRUE); // NEWTRUE
          case 'N' -> push(null); // NONE
          case 't' -> push(new Tuple(popToMark(at))); // TUPLE
          case 0x85 -> push(new Tuple(List.of(pop(at)))); // TUPLE1
          case 0x86 -> { // TUPLE2
            Object y = pop(at);
            Object x = pop(at);
            push(new Tuple(Arrays.asList(x, y)));
          }
          case 0x87 -> { // TUPLE3
            Object z = pop(at);
            Object y = pop(at);
            Object x = pop(at);
            push(new Tuple(Arrays.asList(x, y, z)));
          }
          case 'Q' -> push(persistent(pop(at), at)); // BINPERSID
          case 'R' -> { // REDUCE
            Object args = pop(at);
            Object fn = pop(at);
            push(reduce(fn, args, at));
          }
          case 's' -> { // SETITEM
            Object v = pop(at);
            Object k = pop(at);
            dict(peek(), at).put(k, v);
          }
          case 'u' -> { // SETITEMS
            List<Object> items = popToMark(at);
            if (items.size() % 2 != 0) {
              throw bad("SETITEMS at byte " + at + " with an odd number of items (" + items.size() + ")");
            }
            Map<Object, Object> d = dict(peek(), at);
            for (int i = 0; i < items.size(); i += 2) {
              d.put(items.get(i), items.get(i + 1));
            }
          }
          case 'a' -> list(peek(), at).add(pop(at)); // APPEND
          case 'e' -> { // APPENDS
            List<Object> items = popToMark(at);
            list(peek(), at).addAll(items);
          }
          case 'b' -> { // BUILD: the state (an OrderedDict's _metadata attribute) is not needed
            pop(at);
            if (peek() == MARK) {
              throw bad("BUILD at byte " + at + " without an object");
            }
          }
          case '.' -> { // STOP
            Object result = pop(at);
            if (!stackList.isEmpty()) {
              throw bad("STOP at byte " + at + " leaves " + stackList.size() + " objects on the stack");
            }
            return result;
          }
          default -> throw bad(String.format("unsupported pickle opcode 0x%02x%s at byte %d", op,
              op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : "", at));
        }
      }
    }

    private Object reduce(Object fn, Object args, int at) throws MalformedFileException {
      if (!(fn instanceof Global g)) {
        throw bad("REDUCE at byte " + at + " calls " + describe(fn) + ", expected a global");
      }
      List<Object> a = tuple(args, at).items;
      String qualified = g.module + "." + g.name;
      switch (qualified) {
        case "collections.OrderedDict" -> {
          if (!a.isEmpty()) {
            throw bad("collections.OrderedDict called with " + a.size() + " arguments at byte " + at
                + ", expected none");
          }
          return new LinkedHashMap<Object, Object>();
        }
        case "torch._utils._rebuild_tensor_v2" -> {
          if (a.size() < 4) {
            throw bad("_rebuild_tensor_v2 at byte " + at + " has " + a.size() + " arguments, expected >= 4");
          }
          if (!(a.get(0) instanceof StorageRef s)) {
            throw bad("_rebuild_tensor_v2 at byte " + at + " gets " + describe(a.get(0)) + ", expected a storage");
          }
          return new TensorRef(s, integer(a.get(1), "storage offset", at), ints(a.get(2), "size", at),
              ints(a.get(3), "stride", at));
        }
        default -> throw bad("unsupported global " + qualified + " called at byte " + at
            + "; expected collections.OrderedDict or torch._utils._rebuild_tensor_v2");
      }
    }

    private Object persistent(Object pid, int at) throws MalformedFileException {
      List<Object> t = tuple(pid, at).items;
      if (t.size() != 5 || !"storage".equals(t.get(0))) {
        throw bad("persistent id at byte " + at + " is " + t + ", expected ('storage', type, key, location, numel)");
      }
      if (!(t.get(1) instanceof Global g) || !("torch".equals(g.module) && "FloatStorage".equals(g.name))) {
        throw bad("storage type " + describe(t.get(1)) + " at byte " + at + " is not supported; expected"
            + " torch.FloatStorage (float32)");
      }
      if (!(t.get(2) instanceof String key)) {
        throw bad("storage key at byte " + at + " is " + describe(t.get(2)) + ", expected a string");
      }
      long numel = integer(t.get(4), "storage size", at);
      if (numel < 0 || numel > Integer.MAX_VALUE) {
        throw bad("storage '" + key + "' has " + numel + " elements at byte " + at);
      }
      return new StorageRef(key, (int) numel);
    }

    private int[] ints(Object o, String what, int at) throws MalformedFileException {
      List<Object> items = tuple(o, at).items;
      int[] v = new int[items.size()];
      for (int i = 0; i < v.length; i++) {
        long x = integer(items.get(i), what, at);
        if (x < 0 || x > Integer.MAX_VALUE) {
          throw bad(what + " " + items + " at byte " + at + " has an out-of-range value " + x);
        }
        v[i] = (int) x;
      }
      return v;
    }

    private long integer(Object o, String what, int at) throws MalformedFileException {
      if (o instanceof Long l) {
        return l;
      }
      throw bad(what + " at byte " + at + " is " + describe(o) + ", expected an integer");
    }

    private Tuple tuple(Object o, int at) throws MalformedFileException {
      if (o instanceof Tuple t) {
        return t;
      }
      throw bad("expected a tuple at byte " + at + ", got " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o, int at) throws MalformedFileException {
      if (o instanceof Map<?, ?> m) {
        return (Map<Object, Object>) m;
      }
      throw bad("expected a dict at byte " + at + ", got " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, int at) throws MalformedFileException {
      if (o instanceof ArrayList<?> l) {
        return (List<Object>) l;
      }
      throw bad("expected a list at byte " + at + ", got " + describe(o));
    }

    private Object memoGet(int key, int at) throws MalformedFileException {
      if (!memo.containsKey(key)) {
        throw bad("memo key " + key + " read at byte " + at + " was never stored");
      }
      return memo.get(key);
    }

    private void push(Object o) {
      stackList.add(o);
    }

    private Object peek() throws MalformedFileException {
      if (stackList.isEmpty()) {
        throw bad("empty stack at byte " + pos);
      }
      return stackList.get(stackList.size() - 1);
    }

    private Object pop(int at) throws MalformedFileException {
      if (stackList.isEmpty() || stackList.get(stackList.size() - 1) == MARK) {
        throw bad("stack underflow at byte " + at);
      }
      return stackList.remove(stackList.size() - 1);
    }

    private List<Object> popToMark(int at) throws MalformedFileException {
      int m = stackList.lastIndexOf(MARK);
      if (m < 0) {
        throw bad("no MARK for the opcode at byte " + at);
      }
      List<Object> items = new ArrayList<>(stackList.subList(m + 1, stackList.size()));
      stackList.subList(m, stackList.size()).clear();
      return items;
    }

    private int u8() throws MalformedFileException {
      if (pos >= b.length) {
        throw bad("pickle ends at byte " + pos + " before STOP");
      }
      return b[pos++] & 0xff;
    }

    private int i32() throws MalformedFileException {
      return u8() | (u8() << 8) | (u8() << 16) | (u8() << 24);
    }

    private double f64() throws MalformedFileException {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | u8(); // BINFLOAT is big-endian
      }
      return Double.longBitsToDouble(v);
    }

    private String utf8(int n) throws MalformedFileException {
      if (n < 0 || pos + (long) n > b.length) {
        throw bad("string of " + n + " bytes at byte " + pos + " runs past the end of the pickle");
      }
      String s = new String(b, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    private String line() throws MalformedFileException {
      int start = pos;
      while (u8() != '\n') {
        // scan to the newline
      }
      return new String(b, start, pos - 1 - start, StandardCharsets.US_ASCII);
    }

    private MalformedFileException bad(String what) {
      return new MalformedFileException(file + ": " + what);
    }
  }
}
