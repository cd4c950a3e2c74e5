#pragma once
// The object name of every dock, fixed and never translated: saveState/restoreState key the
// window layout by it, and code finds a dock by it. These are exactly the names the docks had
// when they were built as "dock_" + the English title, so layouts users saved before still
// restore: never change them (a translated title no longer changes them either).

namespace loupe::widgets::dock_names {

inline constexpr const char* kDataset = "dock_Dataset";
inline constexpr const char* kClasses = "dock_Classes";
inline constexpr const char* kItem = "dock_Item";
inline constexpr const char* kHistory = "dock_History";
inline constexpr const char* kBoxes = "dock_Boxes";
inline constexpr const char* kReview = "dock_Review";
inline constexpr const char* kAnalysis = "dock_Analysis";
inline constexpr const char* kTraining = "dock_Training";
inline constexpr const char* kDevice = "dock_Device";
inline constexpr const char* kShadow = "dock_Shadow";
inline constexpr const char* kLikelyErrors = "dock_LikelyErrors";

}  // namespace loupe::widgets::dock_names
