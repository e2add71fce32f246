package org.latentdyn.mechanics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.latentdyn.dynamics.HarmonicPotential;
import org.latentdyn.dynamics.Potential;

/** Spec vin.md §7 items 3-10: the variational cells against known answers, and explicit Euler for contrast. */
class SymplecticIntegratorsTest {
  private static final Pendulum PENDULUM = Pendulum.defaults();
  private static final Potential OSCILLATOR = HarmonicPotential.isotropic(1, 1.0);

  // ---- item 3: discrete frequency -------------------------------------------------------------------------

  @Test
  void discreteFrequencyOfTheHarmonicOscillator() {
    double h = 0.1;
    VelocityVerlet vv = new VelocityVerlet(OSCILLATOR, h);
    double[] c1 = vv.step(new double[] {1, 0});
    double[] c2 = vv.step(new double[] {0, 1});
    double trace = c1[0] + c2[1];
    double omega = Math.acos(trace / 2) / h;
    assertEquals(1.0004171, omega, 1e-7);
    assertEquals(2 / h * Math.asin(h / 2), omega, 1e-12);
    assertEquals(6.280565, 2 * Math.PI / omega, 1e-6);
    assertEquals(1.0, (c1[0] * c2[1] - c1[1] * c2[0]), 1e-15, "det of the one-step matrix");
  }

  @Test
  void atStepOneTheOscillatorRepeatsEverySixSteps() {
    double[][] start = {{1, 0}, {0.3, -0.7}};
    PhaseSpaceArray vv = new VelocityVerlet(OSCILLATOR, 1.0).rollout(start, 12);
    PhaseSpaceArray sv = new StormerVerlet(OSCILLATOR, 1.0).rollout(start, 12);
    for (int b = 0; b < 2; b++) {
      assertArrayEquals(start[b], vv.state(b, 6), 1e-12);
      assertArrayEquals(start[b], vv.state(b, 12), 1e-12);
      assertArrayEquals(start[b], sv.state(b, 6), 1e-12);
      assertTrue(Math.abs(vv.get(b, 3, 0) - start[b][0]) > 0.1, "not a shorter period");
    }
  }

  // ---- item 4: modified energy ---------------------------------------------------------------------------

  @Test
  void velocityVerletConservesTheModifiedEnergyOfTheOscillator() {
    double h = 0.1;
    int steps = 100_000;
    PhaseSpaceArray path = new VelocityVerlet(OSCILLATOR, h).rollout(new double[][] {{1, 0}}, steps);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double eLo = Double.POSITIVE_INFINITY;
    double eHi = Double.NEGATIVE_INFINITY;
    for (int t = 0; t <= steps; t++) {
      double q = path.get(0, t, 0);
      double p = path.get(0, t, 1);
      double modified = 0.5 * p * p + 0.5 * (1 - h * h / 4) * q * q;
      double energy = 0.5 * p * p + 0.5 * q * q;
      lo = Math.min(lo, modified);
      hi = Math.max(hi, modified);
      eLo = Math.min(eLo, energy);
      eHi = Math.max(eHi, energy);
    }
    assertTrue(hi - lo < 1e-12, "modified-energy spread " + (hi - lo));
    assertTrue(eLo >= 0.498750 - 1e-12 && eHi <= 0.5 + 1e-12, "true energy in [" + eLo + ", " + eHi + "]");
    assertEquals(0.498750, eLo, 1e-6);
  }

  // ---- item 5: bounded energy error ----------------------------------------------------------------------

  static double maxEnergyError(PhaseSpaceArray path, HamiltonianSystem system, int upTo) {
    double e0 = system.hamiltonian(path.state(0, 0));
    double max = 0;
    for (int t = 0; t <= upTo; t++) {
      max = Math.max(max, Math.abs(system.hamiltonian(path.state(0, t)) - e0));
    }
    return max;
  }

  @Test
  void pendulumVelocityVerletEnergyErrorIsBoundedAndEulerExplodes() {
    VelocityVerlet vv = VelocityVerlet.of(PENDULUM, 0.1);
    PhaseSpaceArray path = vv.rollout(new double[][] {{1, 0}}, 100_000);
    assertEquals(4.5096, PENDULUM.hamiltonian(new double[] {1, 0}), 5e-5);
    assertEquals(0.1022, maxEnergyError(path, PENDULUM, 100_000), 5e-5);
    assertEquals(0.1022, maxEnergyError(path, PENDULUM, 1000), 5e-5, "reached within the first 1000 steps");
    double[] theta0 = {0.5, Math.PI / 2, 2.5};
    double[] expected = {0.0289, 0.2009, 0.3057};
    for (int i = 0; i < theta0.length; i++) {
      PhaseSpaceArray p = vv.rollout(new double[][] {{theta0[i], 0}}, 100_000);
      assertEquals(expected[i], maxEnergyError(p, PENDULUM, 100_000), 5e-5, "from theta0 = " + theta0[i]);
    }
    PhaseSpaceArray euler = ExplicitEuler.of(PENDULUM, 0.1).rollout(new double[][] {{1, 0}}, 1000);
    assertEquals(9.60, PENDULUM.hamiltonian(euler.state(0, 10)), 5e-3);
    assertEquals(52.8, PENDULUM.hamiltonian(euler.state(0, 100)), 5e-2);
    assertEquals(321, PENDULUM.hamiltonian(euler.state(0, 1000)), 0.5);
  }

  // ---- item 6: order ---------------------------------------------------------------------------------------

  @Test
  void velocityVerletIsSecondOrderAndEulerFirst() {
    double[] hs = {0.1, 0.05, 0.025, 0.0125, 0.00625};
    double[] expected = {0.06602, 0.01648, 0.004117, 0.001029, 0.0002573};
    double[] expectedEulerSlopes = {1.39, 1.26, 1.14, 1.07};
    double[] exact = GroundTruth.state(PENDULUM, new double[] {1, 0}, 2.0);
    double[] vvError = new double[hs.length];
    double[] eulerError = new double[hs.length];
    for (int i = 0; i < hs.length; i++) {
      int k = (int) Math.round(2.0 / hs[i]);
      double[] v = VelocityVerlet.of(PENDULUM, hs[i]).rollout(new double[][] {{1, 0}}, k).state(0, k);
      double[] e = ExplicitEuler.of(PENDULUM, hs[i]).rollout(new double[][] {{1, 0}}, k).state(0, k);
      vvError[i] = Math.hypot(v[0] - exact[0], v[1] - exact[1]);
      eulerError[i] = Math.hypot(e[0] - exact[0], e[1] - exact[1]);
      assertEquals(expected[i], vvError[i], 5e-4 * expected[i], "VV error at h = " + hs[i]);
    }
    assertEquals(2.00, slope(hs, vvError), 0.01, "VV log-log slope");
    for (int i = 0; i + 1 < hs.length; i++) {
      double s = Math.log(eulerError[i] / eulerError[i + 1]) / Math.log(hs[i] / hs[i + 1]);
      assertEquals(expectedEulerSlopes[i], s, 5e-3, "Euler slope between h = " + hs[i] + " and " + hs[i + 1]);
    }
  }

  static double slope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
      sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
    }
    return sxy / sxx;
  }

  // ---- item 7: SV == VV ------------------------------------------------------------------------------------

  @Test
  void stormerVerletReproducesVelocityVerletPositions() {
    assertSvEqualsVv(PENDULUM.potential(), InverseMass.identity(1), new double[] {1, 0.5});
    assertSvEqualsVv(new TanhMlpPotential(1, 32, 7), InverseMass.identity(1), new double[] {0.4, -0.3});
    assertSvEqualsVv(new TanhMlpPotential(2, 32, 8), InverseMass.full(new double[] {1.5, 0.3, 0.3, 0.8}),
        new double[] {0.4, -0.3, 0.2, 0.1});
  }

  private static void assertSvEqualsVv(Potential u, InverseMass inverseMass, double[] start) {
    int d = u.dim();
    double h = 0.1;
    int steps = 50;
    VelocityVerlet vv = new VelocityVerlet(u, inverseMass, h);
    StormerVerlet sv = new StormerVerlet(u, inverseMass, h);
    PhaseSpaceArray v = vv.rollout(new double[][] {start}, steps);
    double[] pair = new double[2 * d];
    for (int i = 0; i < d; i++) {
      pair[i] = v.get(0, 0, i);
      pair[d + i] = v.get(0, 1, i);
    }
    PhaseSpaceArray s = sv.rolloutPositions(new double[][] {pair}, steps - 1);
    double max = 0;
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < d; i++) {
        max = Math.max(max, Math.abs(s.get(0, t, i) - v.get(0, t + 1, i)));
      }
    }
    assertTrue(max < 1e-13, u.name() + ": max |q_SV - q_VV| = " + max);
  }

  @Test
  void stormerVerletPhaseSpaceReadingIsSymplecticEuler() {
    double h = 0.1;
    StormerVerlet sv = StormerVerlet.of(PENDULUM, h);
    PhaseSpaceArray path = sv.rollout(new double[][] {{1, 0.5}}, 5);
    double q = 1;
    double p = 0.5;
    for (int t = 1; t <= 5; t++) {
      p -= h * 9.81 * Math.sin(q);
      q += h * p;
      assertEquals(q, path.get(0, t, 0), 1e-13);
      assertEquals(p, path.get(0, t, 1), 1e-12);
    }
  }

  // ---- item 8: symplecticity -------------------------------------------------------------------------------

  @Test
  void oneStepJacobianDeterminantIsOneForTheVariationalCellsOnly() {
    double h = 0.1;
    SplittableRandom rng = new SplittableRandom(11);
    Potential u1 = new TanhMlpPotential(1, 32, 3);
    Potential u2 = new TanhMlpPotential(2, 32, 4);
    InverseMass fullMass = InverseMass.full(new double[] {1.5, 0.3, 0.3, 0.8});
    VelocityVerlet vv1 = new VelocityVerlet(u1, h);
    VelocityVerlet vv2 = new VelocityVerlet(u2, fullMass, h);
    StormerVerlet sv2 = new StormerVerlet(u2, fullMass, h);
    So2Step so2 = new So2Step(u1, h);
    ExplicitEuler euler = ExplicitEuler.of(HamiltonianSystem.of(u1, InverseMass.identity(1)), h);
    for (int trial = 0; trial < 5; trial++) {
      double[] x1 = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
      double[] x2 = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
      assertEquals(1, determinant(jacobian(vv1::step, x1)), 1e-8, "VV (q, p), d = 1");
      assertEquals(1, determinant(jacobian(vv2::step, x2)), 1e-8, "VV (q, p), d = 2, full M");
      UnaryOperator<double[]> svPair = x -> {
        double[] prev = {x[0], x[1]};
        double[] cur = {x[2], x[3]};
        sv2.step(prev, cur);
        return new double[] {prev[0], prev[1], cur[0], cur[1]};
      };
      assertEquals(1, determinant(jacobian(svPair, x2)), 1e-8, "SV (q_{t-1}, q_t)");
      UnaryOperator<double[]> so2Momentum = x -> {
        double[] prev = so2.previousAngle(new double[] {x[0]}, new double[] {x[1]});
        double[] cur = {x[0]};
        so2.step(prev, cur);
        return new double[] {cur[0], so2.momentum(prev, cur)[0]};
      };
      assertEquals(1, determinant(jacobian(so2Momentum, x1)), 1e-8, "SO(2) (theta, pi)");
      UnaryOperator<double[]> so2Raw = x -> {
        double[] prev = {x[0]};
        double[] cur = {x[1]};
        so2.step(prev, cur);
        return new double[] {prev[0], cur[0]};
      };
      double[] raw = {x1[0], x1[0] + h * x1[1]};
      double rawDet = determinant(jacobian(so2Raw, raw));
      assertTrue(Math.abs(rawDet - 1) > 1e-6, "SO(2) raw pair det " + rawDet + " should not be 1");
      UnaryOperator<double[]> eulerStep = x -> {
        double[] y = x.clone();
        euler.step(y);
        return y;
      };
      double eulerDet = determinant(jacobian(eulerStep, x1));
      assertTrue(Math.abs(eulerDet - 1) > 1e-6, "Euler det " + eulerDet + " should not be 1");
    }
  }

  static double[][] jacobian(UnaryOperator<double[]> map, double[] x) {
    int n = x.length;
    double eps = 1e-5;
    double[][] j = new double[n][n];
    for (int c = 0; c < n; c++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[c] += eps;
      minus[c] -= eps;
      double[] fp = map.apply(plus);
      double[] fm = map.apply(minus);
      for (int r = 0; r < n; r++) {
        j[r][c] = (fp[r] - fm[r]) / (2 * eps);
      }
    }
    return j;
  }

  static double determinant(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double det = 1;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      if (pivot != c) {
        double[] t = m[pivot];
        m[pivot] = m[c];
        m[c] = t;
        det = -det;
      }
      det *= m[c][c];
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k < n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    return det;
  }

  // ---- item 9: reversibility -------------------------------------------------------------------------------

  @Test
  void velocityVerletIsTimeReversible() {
    SplittableRandom rng = new SplittableRandom(5);
    for (Potential u : new Potential[] {PENDULUM.potential(), new TanhMlpPotential(1, 32, 9)}) {
      VelocityVerlet vv = new VelocityVerlet(u, 0.1);
      for (int trial = 0; trial < 10; trial++) {
        double[] start = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
        double[] x = vv.step(start);
        x[1] = -x[1];
        x = vv.step(x);
        x[1] = -x[1];
        assertArrayEquals(start, x, 1e-12, u.name());
      }
      double[] start = {0.7, -0.4};
      double[] x = vv.rollout(new double[][] {start}, 100).state(0, 100);
      x[1] = -x[1];
      x = vv.rollout(new double[][] {x}, 100).state(0, 100);
      x[1] = -x[1];
      assertArrayEquals(start, x, 1e-12, u.name() + ", 100 steps");
    }
  }

  // ---- item 10: SO(2) --------------------------------------------------------------------------------------

  @Test
  void so2TracksTheVelocityVerletPendulum() {
    double h = 0.01;
    int steps = 2000;
    VelocityVerlet vv = VelocityVerlet.of(PENDULUM, h);
    PhaseSpaceArray reference = vv.rollout(new double[][] {{1, 0}}, steps);
    So2Step so2 = new So2Step(PENDULUM.angularAcceleration(), h);
    double[] pair = {reference.get(0, 0, 0), reference.get(0, 1, 0)};
    PhaseSpaceArray angles = so2.rolloutAngles(new double[][] {pair}, steps - 1);
    double max = 0;
    for (int t = 0; t < steps; t++) {
      max = Math.max(max, Math.abs(angles.get(0, t, 0) - reference.get(0, t + 1, 0)));
    }
    assertTrue(max < 3.3e-3 && max > 1e-3, "max |theta_SO2 - theta_VV| over 20 s = " + max);
  }

  @Test
  void so2IncrementsAreConstantWithoutForceBoundedAndTwoPiEquivariant() {
    So2Step free = new So2Step(new HarmonicPotential(new double[] {1e-300}, new double[1]), 0.1);
    PhaseSpaceArray drift = free.rolloutAngles(new double[][] {{0.2, 0.25}}, 100);
    for (int t = 1; t <= 100; t++) {
      assertEquals(0.05, drift.get(0, t, 0) - drift.get(0, t - 1, 0), 1e-13);
    }
    So2Step violent = new So2Step(Pendulum.withGravity(1e6).angularAcceleration(), 0.1);
    PhaseSpaceArray wild = violent.rolloutAngles(new double[][] {{0.0, 1.2}}, 500);
    double bound = Math.asin(1 - So2Step.DEFAULT_EPSILON);
    for (int t = 1; t <= 500; t++) {
      double delta = wild.get(0, t, 0) - wild.get(0, t - 1, 0);
      assertTrue(Math.abs(delta) <= bound + 1e-12 && Math.abs(delta) < Math.PI / 2, "increment " + delta);
    }
    So2Step so2 = new So2Step(PENDULUM.angularAcceleration(), 0.1);
    PhaseSpaceArray a = so2.rolloutAngles(new double[][] {{2.9, 3.0}}, 200);
    PhaseSpaceArray b = so2.rolloutAngles(new double[][] {{2.9 + 2 * Math.PI, 3.0 + 2 * Math.PI}}, 200);
    for (int t = 0; t <= 200; t++) {
      assertEquals(a.get(0, t, 0) + 2 * Math.PI, b.get(0, t, 0), 1e-9);
    }
  }

  @Test
  void so2MomentumFormIsTheCellInTheSpecCoordinates() {
    double h = 0.1;
    So2Step so2 = new So2Step(PENDULUM.angularAcceleration(), h);
    PhaseSpaceArray path = so2.rollout(new double[][] {{1.0, 0.8}}, 20);
    double theta = 1.0;
    double pi = 0.8;
    for (int t = 1; t <= 20; t++) {
      pi += h * -9.81 * Math.sin(theta);
      theta += Math.asin(h * pi);
      assertEquals(theta, path.get(0, t, 0), 1e-12);
      assertEquals(pi, path.get(0, t, 1), 1e-11);
    }
  }

  @Test
  void badArgumentsNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VelocityVerlet(OSCILLATOR, 0));
    assertEquals("timeStep must be > 0 and finite, got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new StormerVerlet(OSCILLATOR, 0.1).rollout(new double[][] {{1, 0, 3}}, 4));
    assertEquals("starts[0] has length 3, expected 2 (q then p)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> InverseMass.full(new double[] {1, 2, 2, 1}));
    assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new So2Step(OSCILLATOR, 0.1, 1.0));
    assertEquals("epsilon must be in [0, 1), got 1.0", e.getMessage());
  }
}
