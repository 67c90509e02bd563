// The umbrella header: everything entente offers.
#pragma once

#include "entente/error.hpp"
#include "entente/fwd.hpp"
#include "entente/game/equilibrium.hpp"
#include "entente/game/game.hpp"
#include "entente/game/profile.hpp"
#include "entente/io/nfg.hpp"
#include "entente/lp/model.hpp"
#include "entente/lp/solve.hpp"
#include "entente/scalar.hpp"
#include "entente/solvers/solve.hpp"
#include "entente/solvers/zero_sum.hpp"
