#include "entente/lp/model.hpp"

namespace entente::lp {

std::string to_string(Status status) {
  switch (status) {
    case Status::optimal: return "optimal";
    case Status::infeasible: return "infeasible";
    case Status::unbounded: return "unbounded";
    case Status::iteration_limit: return "iteration limit";
    case Status::time_limit: return "time limit";
  }
  return "unknown";
}

}  // namespace entente::lp
