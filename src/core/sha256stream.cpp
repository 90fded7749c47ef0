#include "sha256stream.h"

#include <openssl/evp.h>

namespace kiosk {

namespace {
constexpr std::size_t MaxWaiting = 4;
// Below this much, hashing inline costs less than starting a thread.
constexpr qint64 InlineBytes = 4 * 1024 * 1024;
} // namespace

Sha256Stream::Sha256Stream()
    : m_context(EVP_MD_CTX_new(), EVP_MD_CTX_free)
{
    m_ok = m_context && EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) == 1;
}

Sha256Stream::~Sha256Stream()
{
    (void)result();
}

void Sha256Stream::update(const QByteArray& chunk)
{
    m_ok = m_ok && EVP_DigestUpdate(m_context.get(), chunk.constData(), std::size_t(chunk.size())) == 1;
}

void Sha256Stream::add(const QByteArray& chunk)
{
    if (chunk.isEmpty() || m_finished)
        return;
    if (!m_worker.joinable()) {
        if (m_inline + chunk.size() <= InlineBytes) {
            m_inline += chunk.size();
            update(chunk);
            return;
        }
        m_worker = std::thread([this] { run(); }); // from here on the context is the worker's
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < MaxWaiting; });
    m_queue.push_back(chunk);
    m_changed.notify_all();
}

QByteArray Sha256Stream::result()
{
    if (m_finished)
        return m_digest;
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_changed.notify_all();
    }
    if (m_worker.joinable())
        m_worker.join();
    m_finished = true;
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    m_ok = m_ok && EVP_DigestFinal_ex(m_context.get(), reinterpret_cast<unsigned char*>(digest.data()), &length) == 1
        && length == 32;
    // A digest that could not be made is empty, and matches no manifest.
    m_digest = m_ok ? digest : QByteArray();
    return m_digest;
}

void Sha256Stream::run()
{
    for (;;) {
        QByteArray chunk;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty())
                return;
            chunk = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
        }
        update(chunk);
    }
}

} // namespace kiosk
