#include "storage/transfer/file_transfer.h"

#include <sqlite3.h>

#include "core/formats/registry.h"
#include "storage/sql/connection.h"

namespace loupe::storage {

std::string defaultImportLabeler(const std::string& format) { return format == "idx" ? "reference" : "import"; }

LabelerKind defaultImportKind(const std::string& format) {
  return format == "idx" ? LabelerKind::Reference : LabelerKind::Human;
}

void requireWritable(const Project& project) {
  if (project.isReadOnly()) throw sql::Error(SQLITE_READONLY, project.path().string() + ": project is read-only");
}

ImportReport importFile(Project& project, const ImportRequest& request, const Progress& progress) {
  requireWritable(project);  // before a large dataset is parsed
  ImportOptions options;
  options.labeler = !request.labeler.empty() ? request.labeler : defaultImportLabeler(request.format);
  options.kind = request.kind.value_or(defaultImportKind(request.format));
  options.source = "import:" + request.format;
  options.sourceFile = request.path.string();
  ReadOptions read;
  read.valFraction = request.valFraction;
  read.cocoImagesFile = request.cocoImages;
  read.imagesDir = request.images;
  read.followSymlinks = request.followSymlinks;
  const Dataset dataset = readDataset(request.format, request.path, read, progress);
  return importDataset(project, dataset, options, progress);
}

ExportSummary exportFile(const Project& project, const ExportRequest& request, const Progress& progress) {
  ExportOptions options;
  options.labeler = request.labeler;
  options.withMedia = request.format != "csv";
  const Dataset dataset = exportDataset(project, options, progress);
  writeDataset(request.format, dataset, request.out, progress);
  return {dataset.images.size(), dataset.classes.size(), dataset.annotations.size()};
}

}  // namespace loupe::storage
