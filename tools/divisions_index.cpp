// Builds the national divisions index from data/divisions/divisions.tsv at build time and writes its
// bytes (Divisions::to_bytes) to the file named by its argument; the program reads them back at
// start-up (regions/national.cpp) instead of building the index in every process.
#include "regions/data.h"
#include "regions/divisions.h"

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: xxgk_divisions_index OUT\n";
    return 2;
  }
  const std::string bytes = xxgk::regions::Divisions(xxgk::divisions_tsv()).to_bytes();
  std::ofstream out(argv[1], std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::cerr << "xxgk_divisions_index: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
