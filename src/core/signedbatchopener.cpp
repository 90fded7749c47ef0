#include "signedbatchopener.h"

#include <array>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk {

namespace {

constexpr std::size_t BlockRows = SignedBatchOpener::BlockRows;
constexpr std::size_t MaxBlocks = 8;
using Opened = SignedBatchOpener::Opened;

struct Block
{
    std::vector<Opened> rows { BlockRows };
    std::size_t count = 0;
    enum class State { Waiting, Opening, Done } state = State::Waiting;
};

class Openers final
{
public:
    // Without `threads`, add() opens the block at once, here (a small batch: threads would cost more than they save).
    Openers(const SealingPersonalDataCodec& codec, bool threads, const SignedBatchOpener::Prepare& prepare)
        : m_codec(codec)
        , m_prepare(prepare)
    {
        if (!threads)
            return;
        for (auto& t : m_threads)
            t = std::thread([this] { work(); });
    }
    ~Openers()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_changed.notify_all();
        }
        for (auto& t : m_threads) {
            if (t.joinable())
                t.join();
        }
    }
    // Hands a block over to be opened; the blocks come back, opened, in the order they went in.
    void add(std::shared_ptr<Block> block)
    {
        if (!m_threads.front().joinable()) {
            open(*block);
            block->state = Block::State::Done;
        }
        std::lock_guard lock(m_mutex);
        m_blocks.push_back(std::move(block));
        m_changed.notify_all();
    }
    std::size_t inFlight()
    {
        std::lock_guard lock(m_mutex);
        return m_blocks.size();
    }
    // The oldest block, once opened; null if none is in flight.
    std::shared_ptr<Block> next()
    {
        std::unique_lock lock(m_mutex);
        if (m_blocks.empty())
            return {};
        m_changed.wait(lock, [this] { return m_blocks.front()->state == Block::State::Done; });
        std::shared_ptr<Block> block = std::move(m_blocks.front());
        m_blocks.pop_front();
        return block;
    }

private:
    void work()
    {
        for (;;) {
            std::shared_ptr<Block> block;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_stop || waiting(); });
                if (m_stop)
                    return;
                block = waiting();
                block->state = Block::State::Opening;
            }
            open(*block);
            std::lock_guard lock(m_mutex);
            block->state = Block::State::Done;
            m_changed.notify_all();
        }
    }
    void open(Block& block) const
    {
        for (std::size_t i = 0; i < block.count; ++i) {
            Opened& o = block.rows[i];
            SealedFields sealed;
            sealed.sealed = o.row.sealed();
            if (!o.row.sealedDrawing.isEmpty())
                sealed.sealedDrawing = o.row.sealedDrawing;
            o.fields = m_codec.unseal(QString::fromLatin1(o.row.cells.at(SignedBatchReader::Id)), sealed);
            o.prepared.clear();
            if (m_prepare)
                m_prepare(o);
        }
    }
    std::shared_ptr<Block> waiting() const
    {
        for (const auto& b : m_blocks) {
            if (b->state == Block::State::Waiting)
                return b;
        }
        return {};
    }

    const SealingPersonalDataCodec& m_codec;
    const SignedBatchOpener::Prepare& m_prepare;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::shared_ptr<Block>> m_blocks;
    bool m_stop = false;
    std::array<std::thread, 2> m_threads;
};

} // namespace

SignedBatchOpener::SignedBatchOpener(
    SignedBatchReader& reader, const SealingPersonalDataCodec& codec, bool threads, Prepare prepare)
    : m_reader(reader)
    , m_codec(codec)
    , m_threads(threads)
    , m_prepare(std::move(prepare))
{
}

void SignedBatchOpener::forEach(const std::function<bool(Opened&)>& take)
{
    Openers openers(m_codec, m_threads, m_prepare);
    bool more = true;
    std::vector<std::shared_ptr<Block>> spare;
    for (;;) {
        // Keep the openers busy: read blocks ahead while there is room.
        while (more && openers.inFlight() < MaxBlocks) {
            std::shared_ptr<Block> block;
            if (spare.empty()) {
                block = std::make_shared<Block>();
            } else {
                block = std::move(spare.back());
                spare.pop_back();
            }
            block->count = 0;
            block->state = Block::State::Waiting;
            while (block->count < BlockRows && (more = m_reader.next(block->rows[block->count].row)))
                ++block->count;
            if (block->count > 0)
                openers.add(block);
        }
        const std::shared_ptr<Block> block = openers.next();
        if (!block)
            return;
        for (std::size_t i = 0; i < block->count; ++i) {
            if (!take(block->rows[i]))
                return;
        }
        spare.push_back(block);
    }
}

} // namespace kiosk
