package org.latentdyn.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of the project and its runtime, recorded beside every output so a run can be repeated. */
public final class Provenance {
  private static final String VERSION = loadVersion();

  private Provenance() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
  }

  /** Project, Java and operating-system versions, in a fixed order. */
  public static Map<String, Object> versions() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("latentdyn", VERSION);
    m.put("java", System.getProperty("java.version"));
    m.put("javaVendor", System.getProperty("java.vendor"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("arch", System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    return m;
  }

  private static String loadVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("/org/latentdyn/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "development" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
