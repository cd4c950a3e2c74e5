#pragma once
// Plain values the storage API takes and returns, in addition to the domain types of
// core/domain/types.h. No behaviour; every field is documented where its meaning is not obvious.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe::storage {

// An item with the review state the labeling workspace shows next to it.
struct ItemRecord {
  Item item;
  bool reviewed = false;
  bool ambiguous = false;
};

// Encoded image bytes of an item. For external media `bytes` is read from `externalPath`.
struct MediaBlob {
  std::vector<std::uint8_t> bytes;
  std::string format;        // "png", "jpeg", "bmp", "pgm", "raw-gray8"
  std::string externalPath;  // empty when the bytes live in the project
  std::string sha256;        // hex
};

// Media to attach to a new item: exactly one of bytes / externalPath.
struct NewMedia {
  std::vector<std::uint8_t> bytes;
  std::string externalPath;
  std::string format;
  std::string sha256;  // hex; computed from bytes when empty
};

struct NewItem {
  std::string name;  // unique in the project
  std::optional<NewMedia> media;
  int width = 0;
  int height = 0;
  Split split = Split::Unassigned;
  std::string groupKey;
  std::string source;       // "import:<format>", "device:<id>", "demo"...
  std::string created;      // ISO-8601 UTC; empty = now
  std::map<std::string, std::string> attributes;
};

// A device capture: a new item plus, optionally, the image label given on the device.
struct Capture {
  NewItem item;                   // source is forced to "device:<deviceId>"
  std::string deviceId;
  std::optional<Id> labelClassId;  // label given at capture time
  std::optional<Id> labelerId;     // who gave it (required when labelClassId is set)
};

// Which items a list shows. Empty/unset fields do not filter. All set fields must hold.
struct ItemFilter {
  std::optional<Split> split;
  // Items with at least one annotation of this class (by `labelerId` when that is set too).
  std::optional<Id> classId;
  // Items with at least one annotation by this labeler (or, with `unlabeled`, without any).
  std::optional<Id> labelerId;
  // Items whose attribute `attributeKey` equals `attributeValue` (any value when that is empty).
  std::string attributeKey;
  std::string attributeValue;
  // Items with no annotation at all (by `labelerId` when set).
  bool unlabeled = false;
  std::optional<bool> reviewed;
  std::optional<bool> ambiguous;
  // Items whose human/reference image labels name two or more different classes.
  bool hasDisagreement = false;
  // Case-insensitive substring of the item name.
  std::string nameContains;
  // Prefix of the item's source, e.g. "device:".
  std::string sourcePrefix;
};

// One image label, as the agreement and HLP code reads a million of them.
struct ImageLabelRow {
  Id itemId = 0;
  Id labelerId = 0;
  Id classId = 0;
  std::optional<double> score;
};

// One row of the dataset browser: an item with what one labeler has given it so far.
struct BrowserItemRow {
  Id id = 0;
  std::string name;
  Split split = Split::Unassigned;
  bool reviewed = false;
  int boxes = 0;           // the labeler's boxes on the item
  std::string imageLabel;  // class name of the labeler's latest image label; empty: none

  friend bool operator==(const BrowserItemRow&, const BrowserItemRow&) = default;
};

// An item of a training split with its media and the class a chosen labeler gave it.
struct TrainingSample {
  Id itemId = 0;
  std::string name;
  int width = 0;
  int height = 0;
  MediaBlob media;
  Id classId = 0;
};

struct SavedSlice {
  Id id = 0;
  std::string name;
  std::string definitionJson;
  std::string created;
  std::string updated;
};

struct AgreementSnapshot {
  Id id = 0;
  std::string time;  // ISO-8601 UTC
  std::string scope;  // e.g. "all", "split=val", "slice:<name>"
  std::string metricsJson;
};

// A reviewer's decision on one suggestion of the "Likely errors" queue (IssueDecisionStore).
enum class IssueDecisionKind { Accepted, Relabeled, Dismissed };
struct IssueDecision {
  Id id = 0;
  Id itemId = 0;
  Id labelerId = 0;     // whose answer was questioned
  std::string subject;  // what was questioned (label_errors::issueSubject)
  IssueDecisionKind decision = IssueDecisionKind::Dismissed;
  std::optional<Id> reviewerId;  // the current labeler who decided
  std::string time;              // ISO-8601 UTC
};

// A model's proposal on an item a labeler opened in shadow mode (ProposalStore): an image label
// (no box) or a box.
struct PrelabelProposal {
  Id id = 0;
  Id itemId = 0;
  Id labelerId = 0;
  std::string model;
  std::string className;
  std::optional<Box> box;
  double score = 0.0;
  std::string time;  // ISO-8601 UTC
};

// A trained model. Blobs are only filled by ModelStore::load, not by ModelStore::all.
struct ModelRecord {
  Id id = 0;
  std::string name;
  std::string architecture;
  std::string created;
  std::vector<std::uint8_t> floatBlob;
  std::vector<std::uint8_t> int8Blob;
  std::string metricsJson = "{}";
  std::string labelsJson = "[]";  // the class list the model was trained on
};

// What ClassStore::merge did, so an undo can put it back.
struct MergeResult {
  ClassDef removed;                     // the merged-away class, restorable with restoreClass
  std::vector<Id> movedAnnotationIds;   // now pointing at the target class
};

struct ProjectStats {
  std::int64_t items = 0;
  std::int64_t itemsWithMedia = 0;
  std::int64_t labelers = 0;
  std::int64_t classes = 0;
  std::int64_t imageLabels = 0;
  std::int64_t boxes = 0;
  std::map<Split, std::int64_t> splits;  // every split present, zero counts included
  int schemaVersion = 0;
};

}  // namespace loupe::storage
