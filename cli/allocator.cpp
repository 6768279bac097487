// jemalloc's options for the xxgk program (built only when it is linked with jemalloc: CMakeLists.txt,
// XXGK_JEMALLOC). jemalloc reads this symbol when it starts; MALLOC_CONF in the environment still
// overrides it.
//
// Freed pages are kept for reuse, not handed back to the kernel ten seconds later (jemalloc's default
// dirty_decay_ms): a page handed back is faulted in again, zeroed, the next time it is used. Reading
// PDFs into buffers whose pages had been handed back tripled the system time of bench/speed's PDF
// run (0.8 s to 2.4 s of 5 s) and made it slower than with glibc's malloc. A process's resident set
// then stays at its peak; an audit worker is replaced after 1,000 documents, and each document's
// memory is bounded (audit/worker_pool.cpp) whatever the allocator keeps.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "dirty_decay_ms:-1";
}
