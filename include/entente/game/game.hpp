// Game<Scalar>: an N-player game in normal (strategic) form.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "entente/error.hpp"
#include "entente/fwd.hpp"
#include "entente/scalar.hpp"

namespace entente {

/// Largest number of payoff entries (players x pure profiles) a Game may
/// hold: 2^27 doubles is 1 GiB. Larger sizes are refused before allocating.
inline constexpr std::size_t kMaxPayoffEntries = std::size_t{1} << 27;

/// Pure profiles of a game with these strategy counts; throws InvalidArgument
/// when a count is zero, the product overflows, or the game would exceed
/// kMaxPayoffEntries.
inline std::size_t checked_profile_count(std::span<const std::size_t> shape) {
  if (shape.empty()) throw InvalidArgument("a game needs at least one player");
  std::size_t count = 1;
  for (std::size_t n : shape) {
    if (n == 0) throw InvalidArgument("every player needs at least one strategy");
    if (count > kMaxPayoffEntries / n)
      throw InvalidArgument("game too large: the strategy counts multiply past " +
                            std::to_string(kMaxPayoffEntries) + " profiles");
    count *= n;
  }
  if (count > kMaxPayoffEntries / shape.size())
    throw InvalidArgument("game too large: " + std::to_string(shape.size()) + " players x " +
                          std::to_string(count) + " profiles exceeds " +
                          std::to_string(kMaxPayoffEntries) + " payoff entries");
  return count;
}

/// A finite game: players, strategies with labels, and one payoff tensor per
/// player indexed u_i[s_1, ..., s_N]. Storage is row-major (the last
/// player's strategy varies fastest), numpy's C order, so a payoff tensor
/// crosses to Python as an array of shape shape() without reordering.
template <class Scalar>
class Game {
 public:
  using scalar_type = Scalar;

  /// All payoffs zero, players "1".."N", strategies "1".."n_i".
  explicit Game(std::vector<std::size_t> shape)
      : shape_(std::move(shape)), profiles_(checked_profile_count(shape_)) {
    for (std::size_t i = 0; i < shape_.size(); ++i) {
      players_.push_back(std::to_string(i + 1));
      strategies_.emplace_back();
      for (std::size_t s = 0; s < shape_[i]; ++s) strategies_[i].push_back(std::to_string(s + 1));
    }
    init_storage();
  }

  /// All payoffs zero, with the given labels (which fix the shape).
  Game(std::vector<std::string> players, std::vector<std::vector<std::string>> strategies)
      : players_(std::move(players)), strategies_(std::move(strategies)) {
    if (players_.size() != strategies_.size())
      throw InvalidArgument("got " + std::to_string(players_.size()) + " player names but " +
                            std::to_string(strategies_.size()) + " strategy lists");
    for (auto& list : strategies_) shape_.push_back(list.size());
    profiles_ = checked_profile_count(shape_);
    init_storage();
  }

  std::size_t num_players() const { return shape_.size(); }
  const std::vector<std::size_t>& shape() const { return shape_; }
  std::size_t num_strategies(std::size_t player) const { return shape_.at(player); }
  /// Number of pure-strategy profiles (cells of each payoff tensor).
  std::size_t num_profiles() const { return profiles_; }

  const std::string& title() const { return title_; }
  void set_title(std::string title) { title_ = std::move(title); }
  /// Free text kept with the game (the .nfg comment string).
  const std::string& comment() const { return comment_; }
  void set_comment(std::string comment) { comment_ = std::move(comment); }
  const std::vector<std::string>& players() const { return players_; }
  const std::vector<std::vector<std::string>>& strategies() const { return strategies_; }
  const std::vector<std::string>& strategies(std::size_t player) const { return strategies_.at(player); }
  void set_player(std::size_t player, std::string name) { players_.at(player) = std::move(name); }
  void set_strategy(std::size_t player, std::size_t s, std::string name) {
    strategies_.at(player).at(s) = std::move(name);
  }

  /// Distance in the flat storage between consecutive strategies of `player`.
  std::size_t stride(std::size_t player) const { return strides_.at(player); }

  /// Flat (C-order) index of a pure profile; checks every index.
  std::size_t flat_index(std::span<const std::size_t> profile) const {
    if (profile.size() != shape_.size())
      throw InvalidArgument("a profile needs " + std::to_string(shape_.size()) + " strategies, got " +
                            std::to_string(profile.size()));
    std::size_t flat = 0;
    for (std::size_t i = 0; i < profile.size(); ++i) {
      if (profile[i] >= shape_[i])
        throw InvalidArgument("strategy " + std::to_string(profile[i]) + " out of range for player " +
                              std::to_string(i) + " (" + std::to_string(shape_[i]) + " strategies)");
      flat += profile[i] * strides_[i];
    }
    return flat;
  }

  /// The pure profile at a flat index.
  std::vector<std::size_t> profile_at(std::size_t flat) const {
    std::vector<std::size_t> profile(shape_.size());
    for (std::size_t i = shape_.size(); i-- > 0;) {
      profile[i] = flat % shape_[i];
      flat /= shape_[i];
    }
    return profile;
  }

  /// Player `player`'s payoff tensor, flat in C order.
  std::span<const Scalar> payoffs(std::size_t player) const { return payoffs_.at(player); }
  std::span<Scalar> payoffs(std::size_t player) { return payoffs_.at(player); }

  const Scalar& payoff(std::size_t player, std::span<const std::size_t> profile) const {
    return payoffs_.at(player)[flat_index(profile)];
  }
  Scalar& payoff(std::size_t player, std::span<const std::size_t> profile) {
    return payoffs_.at(player)[flat_index(profile)];
  }
  const Scalar& payoff(std::size_t player, std::initializer_list<std::size_t> profile) const {
    return payoff(player, std::span<const std::size_t>(profile.begin(), profile.size()));
  }
  Scalar& payoff(std::size_t player, std::initializer_list<std::size_t> profile) {
    return payoff(player, std::span<const std::size_t>(profile.begin(), profile.size()));
  }

  /// Two-player view: player's payoffs as an n_1 x n_2 matrix (A or B).
  MatMap<Scalar> matrix(std::size_t player) const {
    require_two_players();
    return MatMap<Scalar>(payoffs_.at(player).data(), static_cast<Eigen::Index>(shape_[0]),
                          static_cast<Eigen::Index>(shape_[1]));
  }

  /// True when the payoffs sum to zero in every cell.
  bool is_zero_sum() const { return constant_sum_value(true).first; }
  /// True when the payoffs sum to the same constant in every cell.
  bool is_constant_sum() const { return constant_sum_value(false).first; }

  /// The same game in another scalar (double <-> Rational).
  template <class To>
  Game<To> cast() const {
    Game<To> out(players_, strategies_);
    out.set_title(title_);
    out.set_comment(comment_);
    for (std::size_t i = 0; i < num_players(); ++i) {
      auto dst = out.payoffs(i);
      for (std::size_t k = 0; k < profiles_; ++k) dst[k] = scalar_cast<To>(payoffs_[i][k]);
    }
    return out;
  }

  void require_two_players() const {
    if (shape_.size() != 2)
      throw InvalidArgument("this needs a two-player game, got " + std::to_string(shape_.size()) + " players");
  }

  bool operator==(const Game&) const = default;

 private:
  void init_storage() {
    strides_.assign(shape_.size(), 1);
    for (std::size_t i = shape_.size(); i-- > 1;) strides_[i - 1] = strides_[i] * shape_[i];
    payoffs_.assign(shape_.size(), std::vector<Scalar>(profiles_, Scalar(0)));
  }

  std::pair<bool, Scalar> constant_sum_value(bool require_zero) const {
    Scalar first(0);
    for (std::size_t k = 0; k < profiles_; ++k) {
      Scalar sum(0);
      for (std::size_t i = 0; i < num_players(); ++i) sum += payoffs_[i][k];
      if (k == 0) first = require_zero ? Scalar(0) : sum;
      Scalar gap = sum - first;
      if (gap < 0) gap = -gap;
      if (gap > ScalarTraits<Scalar>::eps()) return {false, first};
    }
    return {true, first};
  }

  std::string title_;
  std::string comment_;
  std::vector<std::string> players_;
  std::vector<std::vector<std::string>> strategies_;
  std::vector<std::size_t> shape_;
  std::vector<std::size_t> strides_;
  std::size_t profiles_ = 0;
  std::vector<std::vector<Scalar>> payoffs_;
};

/// A two-player game from its payoff matrices A (row player) and B (column).
template <class Scalar, class DerivedA, class DerivedB>
Game<Scalar> bimatrix_game(const Eigen::MatrixBase<DerivedA>& A, const Eigen::MatrixBase<DerivedB>& B) {
  if (A.rows() != B.rows() || A.cols() != B.cols())
    throw InvalidArgument("A is " + std::to_string(A.rows()) + "x" + std::to_string(A.cols()) + " but B is " +
                          std::to_string(B.rows()) + "x" + std::to_string(B.cols()));
  Game<Scalar> g({static_cast<std::size_t>(A.rows()), static_cast<std::size_t>(A.cols())});
  for (Eigen::Index r = 0; r < A.rows(); ++r)
    for (Eigen::Index c = 0; c < A.cols(); ++c) {
      g.payoff(0, {std::size_t(r), std::size_t(c)}) = scalar_cast<Scalar>(A(r, c));
      g.payoff(1, {std::size_t(r), std::size_t(c)}) = scalar_cast<Scalar>(B(r, c));
    }
  return g;
}

/// The two-player zero-sum game (A, -A).
template <class Scalar, class Derived>
Game<Scalar> zero_sum_game(const Eigen::MatrixBase<Derived>& A) {
  Mat<Scalar> a(A.rows(), A.cols());
  for (Eigen::Index r = 0; r < A.rows(); ++r)
    for (Eigen::Index c = 0; c < A.cols(); ++c) a(r, c) = scalar_cast<Scalar>(A(r, c));
  Mat<Scalar> b = -a;
  return bimatrix_game<Scalar>(a, b);
}

}  // namespace entente
