// LAPACKE (row/column-major C interface to LAPACK) and CBLAS from Debian's
// liblapacke-dev and libopenblas-dev. Nothing else is exposed to Swift.
#include <lapacke.h>
#include <cblas.h>
