#pragma once

#include <QFile>
#include <QString>

#include <csignal>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <unistd.h>

namespace mstest {

/// A real write failure for the length of its life: a disk that takes no
/// more than 64 bytes per file (RLIMIT_FSIZE, so that the kernel refuses the
/// write as a full disk would: EFBIG instead of ENOSPC), or a folder the
/// process may not write to (its permissions; as root, with the file-system
/// user set to nobody, so that root's override does not apply).
class WriteFault
{
public:
    enum Kind { FullDisk, ReadOnlyFolder };
    WriteFault(Kind kind, const QString &folder)
        : m_kind(kind)
        , m_folder(folder)
    {
        if (kind == FullDisk) {
            getrlimit(RLIMIT_FSIZE, &m_limit);
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit small = m_limit;
            small.rlim_cur = 64;
            setrlimit(RLIMIT_FSIZE, &small);
        } else {
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther
                                              | QFile::ExeOther);
            if (geteuid() == 0) {
                setfsgid(65534);
                setfsuid(65534);
            }
        }
    }
    ~WriteFault()
    {
        if (m_kind == FullDisk) {
            setrlimit(RLIMIT_FSIZE, &m_limit);
        } else {
            if (geteuid() == 0) {
                setfsuid(0);
                setfsgid(0);
            }
            QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }

private:
    Kind m_kind;
    QString m_folder;
    rlimit m_limit {};
};

} // namespace mstest
