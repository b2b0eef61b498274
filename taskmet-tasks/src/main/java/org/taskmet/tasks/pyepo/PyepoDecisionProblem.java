package org.taskmet.tasks.pyepo;

import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.Solver;

/**
 * A PyEPO task's decision side: a linear objective over an exact oracle, the configured training solver and
 * the oracle's hard argmax for evaluation.
 */
record PyepoDecisionProblem(Sense sense, LinearOracle oracle, Solver trainingSolver, Solver evaluationSolver)
    implements LinearDecisionProblem {}
