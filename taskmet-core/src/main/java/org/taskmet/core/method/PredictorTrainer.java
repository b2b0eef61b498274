package org.taskmet.core.method;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.taskmet.api.Dataset;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.optim.Adam;

/**
 * The training loop shared by the two-stage, DFL and LODL methods (taskmet.md §2.1, §3.1): Adam on the
 * predictor, one batch of distinct random training instances per step, mean of a per-instance loss;
 * validation on the whole validation set every {@code validationEvery} steps with the method's own loss;
 * the checkpoint with the lowest validation loss is returned; early stop after {@code patience} steps
 * without improvement.
 *
 * <p>Randomness, all from the request seed: one split stream initializes the model, one samples batches,
 * one feeds the decision solvers (training and validation).
 */
final class PredictorTrainer {
  private PredictorTrainer() {}

  static TrainedPredictor train(
      String method, TrainingRequest request, LoopSettings s, InstanceLoss trainLoss, InstanceLoss validationLoss) {
    long start = System.nanoTime();
    long cpuStart = CpuClock.now();
    Dataset train = request.data().train();
    Dataset val = request.data().validation();
    if (train.size() == 0 || val.size() == 0) {
      throw new IllegalArgumentException(method + ": needs non-empty train and validation sets, got "
          + train.size() + " and " + val.size() + " instances");
    }
    SplittableRandom root = new SplittableRandom(request.seed());
    SplittableRandom initRng = root.split();
    SplittableRandom batchRng = root.split();
    SplittableRandom solverRng = root.split();
    Model model = request.modelFactory().create(train.get(0).features().cols(), train.get(0).targets().cols());
    double[] theta = model.initialParameters(initRng);
    Adam adam = new Adam(theta.length, s.learningRate());
    StackedRows valRows = StackedRows.all(val);
    int[] scratch = StackedRows.range(train.size());

    PassSlot trainPass = new PassSlot();
    PassSlot validationPass = new PassSlot();
    double best = validate(model, theta, valRows, val, validationLoss, solverRng, validationPass);
    double[] bestTheta = theta.clone();
    int bestStep = 0;
    int step = 0;
    int validations = 1;
    while (step < s.iterations()) {
      int[] batch = StackedRows.sample(batchRng, scratch, s.batchSize());
      StackedRows rows = StackedRows.of(train, batch);
      ForwardPass pass = trainPass.forward(model, theta, rows.features());
      Matrix cot = Matrix.zeros(pass.output().rows(), pass.output().cols());
      double loss = 0;
      for (int b = 0; b < rows.count(); b++) {
        Matrix pred = rows.slice(pass.output(), b);
        Matrix g = Matrix.zeros(pred.rows(), pred.cols());
        loss += trainLoss.value(batch[b], train.get(batch[b]), pred, g, solverRng);
        rows.place(g, b, cot, 1.0 / rows.count());
      }
      if (!Double.isFinite(loss)) {
        throw new IllegalStateException(method + ": training loss became non-finite at step " + step);
      }
      adam.step(theta, model.vjp(pass, cot));
      step++;
      if (step % s.validationEvery() == 0 || step == s.iterations()) {
        double v = validate(model, theta, valRows, val, validationLoss, solverRng, validationPass);
        validations++;
        if (v < best) {
          best = v;
          bestStep = step;
          System.arraycopy(theta, 0, bestTheta, 0, theta.length);
        }
        request.progress().progress(step, s.iterations(), method + " step " + step + " val loss "
            + String.format("%.4g", v) + " (best " + String.format("%.4g", best) + " at " + bestStep + ")");
        if (step - bestStep > s.patience()) {
          break;
        }
      }
    }
    Map<String, Double> diag = new HashMap<>();
    diag.put("steps", (double) step);
    diag.put("bestStep", (double) bestStep);
    diag.put("bestValidationLoss", best);
    diag.put("validations", (double) validations);
    diag.put("seconds", (System.nanoTime() - start) / 1e9);
    diag.put("cpuSeconds", (CpuClock.now() - cpuStart) / 1e9);
    return new TrainedPredictor(model, bestTheta, null, null, diag);
  }

  /** Mean validation loss of {@code theta} over the whole validation set. */
  static double validate(Model model, double[] theta, StackedRows rows, Dataset val, InstanceLoss loss,
      SplittableRandom rng, PassSlot slot) {
    Matrix out = slot.forward(model, theta, rows.features()).output();
    if (!out.isFinite()) {
      return Double.POSITIVE_INFINITY;
    }
    double s = 0;
    for (int b = 0; b < rows.count(); b++) {
      s += loss.value(b, val.get(b), rows.slice(out, b), null, rng);
    }
    return s / rows.count();
  }
}
