// libFuzzer target: the input side of `fwctl-report --validate` on a document
// held in memory. The bytes are read the way the loader reads a report file
// (NUL and UTF-8 checks, then JSON or YAML 1.2), and every document it accepts
// goes to the consumers in report_consumers.hpp. A document the reader cannot
// read must come back as an error. An input holding fuzz::reply_separator is
// read as several documents (the separator is not UTF-8, so no document
// contains it): that is how code comparing two documents gets its pair.
#include <string_view>
#include <vector>

#include "report/report_loader.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/report_consumers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<nlohmann::json> documents;
    for (const fwctl::fuzz::Bytes part : fwctl::fuzz::split_replies({data, size})) {
        const std::string_view text(reinterpret_cast<const char*>(part.data()), part.size());
        if (auto doc = fwctl::report::parse_document_text(text, "fuzz input")) {
            documents.push_back(std::move(*doc));
        }
    }
    fwctl::fuzz::consume(documents);
    return 0;
}
