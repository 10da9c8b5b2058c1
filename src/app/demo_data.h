// Internal to the demo generator (app/demo*.cc), not part of the public API:
// a fast deterministic RNG, the fixed tables of Vietnamese places and names,
// an approximate working-day calendar and a JSON Lines writer.
//
// Every generated string comes from the fixed tables here, so the writer only
// escapes defensively. The RNG is splitmix64 with our own float and normal
// draws, so the output depends on nothing but the seed and `today`.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace thads::demo {

// splitmix64 (Steele, Lea, Flood 2014): tiny state, passes BigCrush.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  int64_t range(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }
  double normal();                               // standard normal (Box–Muller)
  double lognormal(double median, double sigma);  // median * e^(sigma·N)
  // Index drawn with the given (not necessarily normalised) weights.
  size_t weighted(std::span<const double> w);

 private:
  uint64_t s_;
};

// A stream for item `i` of a generator seeded with `seed`, independent of the others.
uint64_t mix_seed(uint64_t seed, uint64_t i);

// One of the 34 provincial agencies since 01/07/2025 (NQ 202/2025/QH15).
struct Province {
  const char* code;       // "HN": agency code prefix
  const char* title;      // "thành phố Hà Nội": agency and court names
  const char* place;      // "Hà Nội": regional office names
  const char* addr;       // "Thành phố Hà Nội": the last part of an address
  double population;      // millions, after the merger
  bool south;             // family names Huỳnh / Võ rather than Hoàng / Vũ
  const char* id_prefix;  // CCCD birthplace code of its main former province
  std::array<const char*, 4> wards;
};
std::span<const Province> provinces();

struct PersonName {
  std::string text;
  bool female = false;
};
PersonName person_name(Rng& r, bool south);
std::string company_name(Rng& r);
std::string_view bank_name(Rng& r);
std::string address(Rng& r, const Province& p, bool organization);
std::string cccd(Rng& r, const Province& p, int birth_year, bool female);  // 12 digits
std::string tax_code(Rng& r);                                               // 10 digits
std::string_view commune_committee(Rng& r);  // "Ủy ban nhân dân xã …"

// Working days as far as the demo needs them: weekends, the fixed public
// holidays, Tết and the Hùng Kings' day (approximate official schedules).
// Only used to keep synthetic acts off days off; the legal calendar lives in
// domain/ and data/.
class Calendar {
 public:
  Calendar(Date lo, Date hi);
  bool day_off(Date d) const;
  Date on_or_after(Date d) const;   // the first working day ≥ d
  Date on_or_before(Date d) const;  // the last working day ≤ d
  Date add_working(Date d, int n) const;  // n working days after d (d not counted)
  Date add_days(Date d, int n) const { return on_or_after(d.plus_days(n)); }
  // Coercion that mobilises forces is barred 15 days either side of Tết
  // (NĐ 62/2015 Art. 13(2)): the first working day after such a window.
  Date outside_tet(Date d) const;

 private:
  bool computed_off(Date d) const;
  Date lo_, hi_;
  std::vector<uint8_t> off_;
};

// Buffered JSON Lines writer; flushes to the stream every megabyte.
class Out {
 public:
  Out(std::ostream& os, Date lo, Date hi);
  Out& raw(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  Out& str(std::string_view s);  // a JSON string, quoted and escaped
  Out& num(int64_t v);
  Out& date(Date d);              // "YYYY-MM-DD" with quotes
  Out& time(Date d, int minute);  // "YYYY-MM-DDThh:mm:00+07:00" with quotes
  Out& rate(int64_t x100);        // 8390 -> 83.90
  void end_line();
  void flush();

 private:
  void put_iso(Date d);
  std::ostream& os_;
  std::string buf_;
  Date lo_;
  std::vector<std::array<char, 10>> iso_;
};

}  // namespace thads::demo
