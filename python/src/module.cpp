// The private extension module entente._core; the package `entente`
// re-exports it. One bind_<area>.cpp per area.
#include "common.hpp"

#ifndef ENTENTE_VERSION
#define ENTENTE_VERSION "0.0.0"
#endif

PYBIND11_MODULE(_core, m) {
  namespace py = pybind11;
  using namespace entente::python;
  m.doc() = "entente._core: the compiled part of the entente package (use `import entente`).";
  m.attr("__version__") = ENTENTE_VERSION;

  // InvalidArgument derives from std::invalid_argument, which pybind11
  // already turns into ValueError. ParseError gets its own ValueError
  // subclass; SolverError its own RuntimeError subclass.
  auto& solver_error = py::register_exception<entente::SolverError>(m, "SolverError", PyExc_RuntimeError);
  solver_error.attr("__doc__") =
      "An external solver failed (GLPK reported an error) or an exact check of its answer did not hold.\n\n"
      "Examples\n--------\n>>> issubclass(en.SolverError, RuntimeError)\nTrue\n";
  auto& parse_error = py::register_exception<entente::ParseError>(m, "ParseError", PyExc_ValueError);
  parse_error.attr("__doc__") =
      "A malformed .nfg file or text; the message names the source and line. A subclass of ValueError.\n\n"
      "Examples\n--------\n>>> issubclass(en.ParseError, ValueError)\nTrue\n";

  // A cancelled call re-raises the signal handler's exception (see
  // interruptible() in common.hpp); an Interrupted that escapes otherwise
  // still reads as KeyboardInterrupt, not as a RuntimeError.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const entente::Interrupted& e) {
      PyErr_SetString(PyExc_KeyboardInterrupt, e.what());
    }
  });

  bind_game(m);
  bind_solvers(m);
  bind_io(m);
  bind_equilibria(m);
  bind_coop(m);
  bind_mixed_nplayer(m);
  bind_alliance(m);
  bind_scenario(m);
}
