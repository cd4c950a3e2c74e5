#include "core/formats/reader.h"
#include "core/domain/types.h"
#include "storage/project.h"
#include <QString>
#include <vector>
