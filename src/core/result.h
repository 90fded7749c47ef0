#pragma once

#include "storeerror.h"

#include <QString>

#include <optional>
#include <utility>

namespace kiosk {

// Why a core operation failed: a kind that every screen can word in its own language; details for the log (SQLite's
// or the file system's words, never a field value); and, where the kind's standard sentence would not say enough, a
// sentence of its own for the command line. Core never words an error for a signer or volunteer.
struct Failure
{
    StoreError kind = StoreError::Other;
    QString details;
    QString sentence;

    // The English sentence for the CLI.
    QString message() const { return sentence.isEmpty() ? describeStoreError(kind) : sentence; }
};

// The one result convention of core: a value, or a Failure. Every fallible call in core returns one of these
// (Result<void> when there is no value), so callers never test for -1, an empty string or an out-parameter.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Failure failure)
        : m_failure(std::move(failure))
    {
    }

    bool ok() const { return m_value.has_value(); }
    bool has_value() const { return ok(); } // as std::optional and std::expected spell it
    explicit operator bool() const { return ok(); }

    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T& operator*() const& { return *m_value; }
    T& operator*() & { return *m_value; }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    T valueOr(T fallback) const { return m_value ? *m_value : std::move(fallback); }

    const Failure& failure() const { return m_failure; }
    StoreError error() const { return ok() ? StoreError::None : m_failure.kind; }
    QString errorString() const { return ok() ? QString() : m_failure.message(); }

private:
    std::optional<T> m_value;
    Failure m_failure;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Failure failure)
        : m_ok(false)
        , m_failure(std::move(failure))
    {
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }

    const Failure& failure() const { return m_failure; }
    StoreError error() const { return m_ok ? StoreError::None : m_failure.kind; }
    QString errorString() const { return m_ok ? QString() : m_failure.message(); }

private:
    bool m_ok = true;
    Failure m_failure;
};

using VoidResult = Result<void>;

} // namespace kiosk
