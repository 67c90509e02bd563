// Common aliases and forward declarations shared by every entente header.
#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Core>
#include <gmpxx.h>

namespace entente {

/// The exact scalar: a GMP rational. Every solver that pivots works in it.
using Rational = mpq_class;

template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
/// Row-major, like numpy's C order and like Game's payoff storage.
template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using MatMap = Eigen::Map<const Mat<T>>;

template <class Scalar>
class Game;
template <class Scalar>
struct MixedProfile;
template <class Scalar>
struct Equilibrium;

}  // namespace entente

// Eigen needs to know how to treat mpq_class. Exact: no epsilon, no rounding.
namespace Eigen {
template <>
struct NumTraits<mpq_class> : GenericNumTraits<mpq_class> {
  using Real = mpq_class;
  using NonInteger = mpq_class;
  using Nested = mpq_class;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 6,
    AddCost = 150,
    MulCost = 100
  };
  static inline Real epsilon() { return 0; }
  static inline Real dummy_precision() { return 0; }
  static inline int digits10() { return 0; }
};
}  // namespace Eigen
