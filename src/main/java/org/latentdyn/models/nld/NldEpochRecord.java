package org.latentdyn.models.nld;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One epoch of NLD training (spec nld.md §7-8), as written to {@code history.json}. Losses are means per
 * sequence over the epoch's steps.
 *
 * @param epoch epoch index
 * @param loss training loss {@code nll + w (kappa pathKl + kl0)}
 * @param nll reconstruction term {@code -sum_k log p(x_k | z_k)}
 * @param pathKl path KL {@code sum_k h |f_k / g|^2} (without kappa)
 * @param kl0 KL of the initial state
 * @param klWeight KL weight w after the epoch's last step
 * @param exactElbo the ELBO {@code -(nll + pathKl / 2 + kl0)} (kappa 1/2, w 1; a lower bound of log p(x))
 * @param validationLoss the training loss (current w) on the held-out sequences, NaN when none are held out
 * @param beta learned inverse temperature after the epoch
 * @param c energy stiffness softplus(c_raw) after the epoch
 * @param learningRate learning rate after the epoch
 * @param clipped steps in the epoch whose gradient norm was clipped
 * @param seconds wall-clock seconds of the epoch
 */
public record NldEpochRecord(int epoch, double loss, double nll, double pathKl, double kl0, double klWeight,
    double exactElbo, double validationLoss, double beta, double c, double learningRate, int clipped,
    double seconds) {

  /** Adds this record to checkpoint scalars as {@code history.<epoch>.<field>}. */
  void putScalars(Map<String, Double> out) {
    String p = "history." + epoch + ".";
    double[] v = {loss, nll, pathKl, kl0, klWeight, exactElbo, validationLoss, beta, c, learningRate, clipped,
        seconds};
    for (int i = 0; i < FIELDS.size(); i++) {
      out.put(p + FIELDS.get(i), v[i]);
    }
  }

  /** The records of epochs {@code 0..epochs-1} from {@link #putScalars} entries. */
  static List<NldEpochRecord> fromScalars(Map<String, Double> in, int epochs) {
    List<NldEpochRecord> out = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      double[] v = new double[FIELDS.size()];
      for (int i = 0; i < v.length; i++) {
        Double x = in.get("history." + e + "." + FIELDS.get(i));
        if (x == null) {
          throw new IllegalArgumentException("checkpoint has no history." + e + "." + FIELDS.get(i) + "; expected the"
              + " record of every completed epoch");
        }
        v[i] = x;
      }
      out.add(new NldEpochRecord(e, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], (int) v[10], v[11]));
    }
    return out;
  }

  private static final List<String> FIELDS = List.of("loss", "nll", "pathKl", "kl0", "klWeight", "exactElbo",
      "validationLoss", "beta", "c", "learningRate", "clipped", "seconds");
}
