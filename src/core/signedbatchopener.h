#pragma once

#include "personaldatacodec.h"
#include "signedbatch.h"

#include <functional>
#include <optional>

namespace kiosk {

// Opens a signed batch's rows with the coordinator's key, as a pipeline: the caller's thread reads the rows a block at
// a time (SignedBatchReader, every row checked) and takes them back opened, in order, while two worker threads open the
// blocks ahead of it (each sealed box is an X25519 operation, the work that dominates). At most a few blocks are in
// flight, so memory stays bounded whatever the batch's size. `open-batch` and the hub's import read through it.
class SignedBatchOpener final
{
public:
    static constexpr std::size_t BlockRows = 256;

    struct Opened
    {
        SignedBatchReader::Row row;
        std::optional<PersonalFields> fields; // empty if the row's sealed values do not open (or open to another id)
        QByteArrayList prepared; // what the caller's prepare step made of the opened row
    };
    // Run on the worker threads after a row is opened, so that the caller's own work on each row (the hub's tags and
    // column values) is spread over both cores too. It must be safe to call from two threads at once.
    using Prepare = std::function<void(Opened&)>;

    // Without `threads` the rows are opened on the caller's thread (a small batch: threads would cost more).
    SignedBatchOpener(
        SignedBatchReader& reader, const SealingPersonalDataCodec& codec, bool threads, Prepare prepare = {});

    // Gives each row, opened, to `take` (which may take its parts), in the batch's order, until the rows end or `take`
    // returns false. The reader's problem(), and its finish(), say whether the rows ended well.
    void forEach(const std::function<bool(Opened&)>& take);

private:
    SignedBatchReader& m_reader;
    const SealingPersonalDataCodec& m_codec;
    bool m_threads;
    Prepare m_prepare;
};

} // namespace kiosk
