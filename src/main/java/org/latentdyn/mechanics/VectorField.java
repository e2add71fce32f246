package org.latentdyn.mechanics;

/** A time-independent vector field {@code xdot = f(x)} on {@code R^width}, e.g. Hamilton's equations on (q, p). */
public interface VectorField {
  /** Length of the state {@code x}. */
  int width();

  /** Writes {@code f(x)} into {@code out} (distinct arrays). */
  void evaluate(double[] x, double[] out);

  /** Hamilton's equations {@code (qdot, pdot) = (M^-1 p, -grad U(q))} of {@code system}. */
  static VectorField of(HamiltonianSystem system) {
    int width = 2 * system.dim();
    return new VectorField() {
      @Override
      public int width() {
        return width;
      }

      @Override
      public void evaluate(double[] x, double[] out) {
        system.vectorField(x, out);
      }
    };
  }
}
