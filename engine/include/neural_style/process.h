// Process set-up that has to happen before the engine's libraries start.
#pragma once

namespace neural_style {

// Makes idle OpenMP threads sleep instead of spin. libgomp reads OMP_WAIT_POLICY once,
// when it is loaded, so the only way to set it is to run the program again with it set:
// this re-executes the program (same arguments, same open files) unless the variable is
// already set, and returns only when there was nothing to do or re-executing failed.
// Why: spinning threads that share a core with anything else (GIMP redrawing, a browser)
// slow every step down by 2-3x; sleeping ones cost nothing measurable on an idle machine.
// Call first thing in main().
void sleep_idle_openmp_threads(char** argv);

}  // namespace neural_style
