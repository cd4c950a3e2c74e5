// Stand-in for Arduino_OV767X (the TinyML kit's OV7675 camera): the calls the sketch makes.
#pragma once
#include <cstdint>

enum { VGA = 0, CIF = 1, QVGA = 2, QCIF = 3 };
enum { YUV422 = 0, RGB444 = 1, RGB565 = 2, GRAYSCALE = 4 };

class OV767X {
 public:
  int begin(int resolution, int format, int fps);
  void readFrame(void* buffer);
};
extern OV767X Camera;
