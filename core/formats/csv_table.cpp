#include "core/formats/csv_table.h"

#include "core/domain/errors.h"
#include "core/formats/text_fields.h"

namespace loupe {

void parseCsv(std::string_view text, const std::string& fileName,
              const std::function<void(const std::vector<std::string>&, int line)>& onRow) {
  text = withoutUtf8Bom(text);
  std::vector<std::string> fields;
  std::string field;
  int line = 1, rowLine = 1;
  bool rowHasContent = false;
  std::size_t i = 0;
  const auto endRow = [&] {
    if (rowHasContent || !field.empty() || !fields.empty()) {
      fields.push_back(std::move(field));
      onRow(fields, rowLine);
    }
    fields.clear();
    field.clear();
    rowHasContent = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      if (!field.empty()) throw InputError({fileName, line}, "quote inside an unquoted field");
      const int quoteLine = line;
      ++i;
      for (;;) {
        if (i >= text.size()) throw InputError({fileName, quoteLine}, "unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field.push_back(text[i++]);
      }
      rowHasContent = true;
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        throw InputError({fileName, line}, "text after a closing quote");
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      rowHasContent = true;
      ++i;
    } else if (c == '\r' || c == '\n') {
      endRow();
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      ++line;
      rowLine = line;
    } else {
      // Bulk-copy the run of plain characters: most fields are unquoted.
      std::size_t end = text.find_first_of(",\r\n\"", i);
      if (end == std::string_view::npos) end = text.size();
      field.append(text.substr(i, end - i));
      i = end;
      if (i < text.size() && text[i] == '"')
        throw InputError({fileName, line}, "quote inside an unquoted field");
    }
  }
  endRow();
}

void appendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos && !field.empty() &&
      field.front() != ' ' && field.back() != ' ') {
    out.append(field);
    return;
  }
  if (field.empty()) return;
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace loupe
