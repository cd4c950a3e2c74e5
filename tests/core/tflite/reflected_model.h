#pragma once
// A .tflite file read through the flatbuffers reflection API and the binary schema flatc makes
// from core/tflite/tflite_subset.fbs: no generated accessor and no Loupe reader involved, so it
// checks the bytes the writer put at each schema field. Used for what Arm NN cannot run.

// GCC 12 inlines flatbuffers' key comparisons and reports a false -Wstringop-overread in them.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overread"
#include <flatbuffers/reflection.h>
#include <flatbuffers/util.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace reflectcheck {

class Model {
 public:
  explicit Model(const std::vector<std::uint8_t>& file) : file_(file) {
    if (!flatbuffers::LoadFile(LOUPE_TFLITE_BFBS, true, &bfbs_)) throw std::runtime_error("no " LOUPE_TFLITE_BFBS);
    schema_ = reflection::GetSchema(bfbs_.data());
    // Not flatbuffers::Verify(schema, ...): in flatbuffers 2.0.8 it looks a union member up by
    // position instead of value, so TFLite's sparse BuiltinOptions (ReshapeOptions = 17) never
    // verify. Callers verify the file with the generated verifier first.
    root_ = flatbuffers::GetAnyRoot(file_.data());
  }
  const flatbuffers::Table& root() const { return *root_; }

  std::int64_t integer(const flatbuffers::Table& t, const char* type, const char* name) const {
    return flatbuffers::GetAnyFieldI(t, field(type, name));
  }
  const flatbuffers::Table* table(const flatbuffers::Table& t, const char* type, const char* name) const {
    return flatbuffers::GetFieldT(t, field(type, name));
  }
  std::vector<const flatbuffers::Table*> tables(const flatbuffers::Table& t, const char* type, const char* name) const {
    std::vector<const flatbuffers::Table*> out;
    const auto* v = flatbuffers::GetFieldAnyV(t, field(type, name));
    for (flatbuffers::uoffset_t i = 0; v && i < v->size(); ++i)
      out.push_back(flatbuffers::GetAnyVectorElemPointer<const flatbuffers::Table>(v, i));
    return out;
  }
  std::vector<std::int64_t> integers(const flatbuffers::Table& t, const char* type, const char* name) const {
    const auto& f = field(type, name);
    std::vector<std::int64_t> out;
    const auto* v = flatbuffers::GetFieldAnyV(t, f);
    for (flatbuffers::uoffset_t i = 0; v && i < v->size(); ++i)
      out.push_back(flatbuffers::GetAnyVectorElemI(v, f.type()->element(), i));
    return out;
  }
  std::vector<double> reals(const flatbuffers::Table& t, const char* type, const char* name) const {
    const auto& f = field(type, name);
    std::vector<double> out;
    const auto* v = flatbuffers::GetFieldAnyV(t, f);
    for (flatbuffers::uoffset_t i = 0; v && i < v->size(); ++i)
      out.push_back(flatbuffers::GetAnyVectorElemF(v, f.type()->element(), i));
    return out;
  }

 private:
  const reflection::Field& field(const char* type, const char* name) const {
    const auto* object = schema_->objects()->LookupByKey((std::string("loupe.tflite.fb.") + type).c_str());
    const auto* f = object ? object->fields()->LookupByKey(name) : nullptr;
    if (!f) throw std::runtime_error(std::string("no field ") + type + "." + name + " in the schema");
    return *f;
  }

  std::vector<std::uint8_t> file_;
  std::string bfbs_;
  const reflection::Schema* schema_ = nullptr;
  const flatbuffers::Table* root_ = nullptr;
};

}  // namespace reflectcheck

#pragma GCC diagnostic pop
