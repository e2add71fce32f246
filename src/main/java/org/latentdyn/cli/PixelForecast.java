package org.latentdyn.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentdyn.data.io.ArrayFiles;
import org.latentdyn.data.io.NpyArray;
import org.latentdyn.models.vin.PixelScores;
import org.latentdyn.models.vin.PixelVaeModel;
import org.latentdyn.report.HtmlReport;
import org.latentdyn.report.PixelFigures;
import org.latentdyn.report.RunFolder;
import org.latentdyn.report.RunRecord;
import org.latentdyn.report.Tables;
import org.latentdyn.workflow.VinPixels;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code forecast --model DIR/model --frames Y.npy --steps K} for a pixel VAE (VIN spec §5): each sequence's start
 * from the posterior mean of its first {@code depth} frames, K latent steps, decoded Bernoulli means, and the §5
 * scores over the forecast frames that Y holds.
 */
final class PixelForecast {
  private PixelForecast() {}

  static int forecast(CommandSpec spec, Path modelDir, String framesPath, int steps, Path out) throws Exception {
    PixelVaeModel m = PixelVaeModel.load(modelDir);
    VinPixels.Frames y = VinPixels.frames("--frames " + framesPath, ArrayFiles.readArray(framesPath));
    long t0 = System.nanoTime();
    VinPixels.Forecast f = VinPixels.forecast(m, y, steps);
    double seconds = (System.nanoTime() - t0) / 1e9;
    int n = y.sequences();
    int s = m.stateDim();
    int p = y.pixels();
    float[] latent = new float[n * (steps + 1) * s];
    float[] decoded = new float[n * (steps + 1) * p];
    for (int b = 0; b < n; b++) {
      for (int t = 0; t <= steps; t++) {
        for (int i = 0; i < s; i++) {
          latent[(b * (steps + 1) + t) * s + i] = (float) f.latents()[b][t][i];
        }
        for (int i = 0; i < p; i++) {
          decoded[(b * (steps + 1) + t) * p + i] = (float) f.decoded()[b][t][i];
        }
      }
    }
    String label = m.config().kind().name();
    RunRecord.Builder record = RunContext.record(spec, "forecast", m.config().seed()).parameter("steps", steps)
        .parameter("model", m.config()).input("model", modelDir.toString())
        .input("frames", Map.of("path", framesPath, "shape", y.shape())).parameter("forecastSeconds", seconds);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("model", label);
    metrics.put("steps", steps);
    metrics.put("sequences", n);
    metrics.put("scoredFrames", f.scored());
    metrics.put("rmse", f.rmse());
    metrics.put("logLik", f.logLikelihood());
    metrics.put("logLikHundreds", f.logLikelihood() * 1e-2);
    metrics.put("rmseTotal", f.rmseTotal());
    metrics.put("logLikTotal", f.logLikelihoodTotal());
    metrics.put("rmsePerSequence", Arrays.stream(f.scores()).mapToDouble(PixelScores::rmse).toArray());
    metrics.put("logLikPerSequence", Arrays.stream(f.scores()).mapToDouble(PixelScores::logLikelihood).toArray());
    try (RunFolder folder = RunFolder.open(out)) {
      folder.writeArray("latent.npy", NpyArray.ofFloats(latent, n, steps + 1, s));
      folder.writeArray("decoded.npy", NpyArray.ofFloats(decoded, n, steps + 1, y.shape()[2], y.shape()[3]));
      record.output("latent.npy", Map.of("shape", new int[] {n, steps + 1, s}, "dtype", "float32", "meaning",
          "latent states from the posterior mean of the first " + m.config().depth() + " frames, index 0 = t = 0"));
      record.output("decoded.npy", Map.of("shape", new int[] {n, steps + 1, y.shape()[2], y.shape()[3]}, "dtype",
          "float32", "meaning", "Bernoulli means sigma(decoder logits) of the latent states"));
      folder.writeJson("metrics.json", metrics);
      int stride = 5 * (int) Math.ceil((steps + 1) / 100.0);
      folder.writeBytes("frames.png", PixelFigures.strip(label + ": observed (top) and decoded forecast of sequence"
          + " 0", List.of("observed", "decoded"), List.of(PixelFigures.rows(y.sequence(0), p), f.decoded()[0]),
          y.shape()[2], y.shape()[3], PixelFigures.every(stride, steps + 1), 0.1));
      HtmlReport html = new HtmlReport("latentdyn: " + label + " pixel forecast");
      html.heading("Metrics").table(List.of(List.of("quantity", "value"),
          List.of("scored frames (from t = 0)", Integer.toString(f.scored())),
          List.of("rmse (mean over frames of summed squares, sqrt)", Tables.num(f.rmse())),
          List.of("logLik (mean over frames) x 1e-2", Tables.num(f.logLikelihood() * 1e-2)),
          List.of("rmse total", Tables.num(f.rmseTotal())), List.of("logLik total", Tables.num(f.logLikelihoodTotal()))));
      html.figure("frames.png", "Every " + stride + "th frame of sequence 0: observed and decoded");
      folder.writeText("report.html", html.file("latent.npy", "").file("decoded.npy", "").file("metrics.json", "")
          .file("run.json", "").render());
      folder.writeJson("run.json", record.build());
      folder.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "forecast %d sequences x %d steps with %s: rmse %s, logLik %s"
        + " over %d frames%nwrote %s%n", n, steps, label, Tables.num(f.rmse()), Tables.num(f.logLikelihood()),
        f.scored(), out.resolve("decoded.npy"));
    return 0;
  }
}
