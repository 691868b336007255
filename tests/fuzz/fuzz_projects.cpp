// The long fuzz run of the project loader (the suite runs a short one in
// tst_projectfile): fuzz_projects [COUNT] [SEED]; 100,000 inputs by default.
// Prints the counts per strategy and exits 1 when a promise was broken.
#include "projectfuzz.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 count = args.size() > 1 ? args[1].toLongLong() : 100000;
    const quint32 seed = args.size() > 2 ? args[2].toUInt() : 20261121u;
    const QList<QByteArray> seeds = msfuzz::seeds({QStringLiteral(MS_SOURCE_DIR "/resources/examples"),
                                                   QStringLiteral(MS_SOURCE_DIR "/tests/golden"),
                                                   QStringLiteral(MS_SOURCE_DIR "/tests/golden2"),
                                                   QStringLiteral(MS_SOURCE_DIR "/tests/golden3"),
                                                   QStringLiteral(MS_SHARED_DIR "/reference/examples")});
    if (count < 1 || seeds.isEmpty()) {
        std::fprintf(stderr, "usage: fuzz_projects [COUNT >= 1] [SEED] (and the example projects beside it)\n");
        return 2;
    }
    QElapsedTimer t;
    t.start();
    const msfuzz::Report r = msfuzz::run(seeds, count, seed, [&](qint64 i) {
        std::fprintf(stderr, "\r%lld / %lld", static_cast<long long>(i), static_cast<long long>(count));
    });
    std::fprintf(stderr, "\n");
    std::printf("inputs %lld from %lld seed files in %.1f s: %lld refused with a message, %lld loaded "
                "(validated, saved and loaded again)\n",
                static_cast<long long>(r.inputs), static_cast<long long>(seeds.size()), double(t.elapsed()) / 1000.0,
                static_cast<long long>(r.refused), static_cast<long long>(r.loaded));
    for (int s = 0; s < msfuzz::StrategyCount; ++s)
        std::printf("  %-14s %lld\n", msfuzz::strategyName(s), static_cast<long long>(r.perStrategy[s]));
    for (const QString &p : r.problems)
        std::printf("PROBLEM %s\n", qPrintable(p));
    return r.problems.isEmpty() ? 0 : 1;
}
