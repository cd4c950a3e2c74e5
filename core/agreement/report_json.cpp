#include "core/agreement/report_json.h"

namespace loupe::agreement {

nlohmann::json toJson(const Coefficient& c) { return c.value ? nlohmann::json(*c.value) : nlohmann::json(nullptr); }

nlohmann::json toJson(const AgreementReport& r) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& p : r.pairs)
    pairs.push_back({{"a", p.a},
                     {"b", p.b},
                     {"n", p.n},
                     {"percent_agreement", toJson(p.percentAgreement)},
                     {"cohen_kappa", toJson(p.cohenKappa)},
                     {"cohen_kappa_linear", toJson(p.cohenKappaLinear)},
                     {"cohen_kappa_quadratic", toJson(p.cohenKappaQuadratic)},
                     {"scott_pi", toJson(p.scottPi)}});
  nlohmann::json boxPairs = nlohmann::json::array();
  for (const auto& p : r.boxPairs) {
    const auto& b = p.agreement;
    boxPairs.push_back({{"a", p.a},
                        {"b", p.b},
                        {"precision", toJson(b.precision)},
                        {"recall", toJson(b.recall)},
                        {"f1", toJson(b.f1)},
                        {"mean_iou", toJson(b.meanIou)},
                        {"matched", b.counts.matched},
                        {"missing", b.counts.missing()},
                        {"extra", b.counts.extra()},
                        {"class_mismatch", b.counts.classMismatch}});
  }
  return {{"items", r.items},
          {"labelers", r.labelers},
          {"level", std::string(toString(r.level))},
          {"percent_agreement", toJson(r.percentAgreement)},
          {"fleiss_kappa", toJson(r.fleissKappa)},
          {"krippendorff_alpha", toJson(r.krippendorffAlpha)},
          {"pairs", pairs},
          {"boxes", {{"iou_threshold", r.iouThreshold}, {"pairs", boxPairs}}},
          {"notes", r.notes}};
}

nlohmann::json toJson(const HlpResult& result) {
  nlohmann::json slices = nlohmann::json::array();
  for (const auto& s : result.slices) slices.push_back({{"slice", s.slice}, {"items", s.items}, {"hlp", toJson(s.hlp)}});
  return {{"slices", slices}, {"notes", result.notes}};
}

}  // namespace loupe::agreement
