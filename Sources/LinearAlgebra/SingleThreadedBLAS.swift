import CLAPACK

/// OpenBLAS starts its own threads and, between calls, keeps them spinning (`sched_yield`).
/// Our problems are a few dozen rows, solved in microseconds, and the engine parallelises
/// above them; so OpenBLAS is told once, before its first use here, to work on the calling
/// thread only (as `OPENBLAS_NUM_THREADS=1` would, without asking every user to set it).
enum SingleThreadedBLAS {
    static let ensured: Void = { openblas_set_num_threads(1) }()
}
