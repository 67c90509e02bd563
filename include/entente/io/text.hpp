// Text read from files of unknown encoding: valid UTF-8 is kept as it is,
// anything else is taken as Latin-1 (ISO 8859-1), the encoding old Gambit
// files were written in. Every label of a Game is then valid UTF-8, which
// JSON output and Python's str require.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace entente::io {

/// True when `text` is well-formed UTF-8 (RFC 3629: shortest forms only, no
/// surrogates U+D800..U+DFFF, nothing above U+10FFFF).
inline bool is_valid_utf8(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // no overlong three-byte forms
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // no overlong four-byte forms
      if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;  // a continuation byte, an overlong lead (C0, C1) or F5..FF
    }
    if (text.size() - i < length) return false;
    if (byte(i + 1) < low || byte(i + 1) > high) return false;
    for (std::size_t k = 2; k < length; ++k)
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
    i += length;
  }
  return true;
}

/// Each byte as the code point of the same value (Latin-1), in UTF-8.
inline std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

/// `text` unchanged when it is valid UTF-8, otherwise decoded as Latin-1.
/// The result is always valid UTF-8.
inline std::string utf8_or_latin1(std::string_view text) {
  return is_valid_utf8(text) ? std::string(text) : latin1_to_utf8(text);
}

}  // namespace entente::io
