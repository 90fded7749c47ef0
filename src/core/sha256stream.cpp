#include "sha256stream.h"

#include <openssl/evp.h>

#include <memory>

namespace kiosk {

namespace {
constexpr std::size_t MaxWaiting = 4;
}

Sha256Stream::Sha256Stream()
    : m_worker([this] { run(); })
{
}

Sha256Stream::~Sha256Stream()
{
    (void)result();
}

void Sha256Stream::add(const QByteArray& chunk)
{
    if (chunk.isEmpty())
        return;
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < MaxWaiting; });
    m_queue.push_back(chunk);
    m_changed.notify_all();
}

QByteArray Sha256Stream::result()
{
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_changed.notify_all();
    }
    if (m_worker.joinable())
        m_worker.join();
    return m_digest;
}

void Sha256Stream::run()
{
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    bool ok = context && EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) == 1;
    for (;;) {
        QByteArray chunk;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty())
                break;
            chunk = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
        }
        ok = ok && EVP_DigestUpdate(context.get(), chunk.constData(), std::size_t(chunk.size())) == 1;
    }
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    ok = ok && EVP_DigestFinal_ex(context.get(), reinterpret_cast<unsigned char*>(digest.data()), &length) == 1
        && length == 32;
    // A digest that could not be made is empty, and matches no manifest.
    m_digest = ok ? digest : QByteArray();
}

} // namespace kiosk
