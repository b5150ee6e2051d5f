#include "report/diff/diff_input.hpp"

#include "report/report_loader.hpp"
#include "report/schema_validator.hpp"

namespace fwctl::report {

Result<nlohmann::json> load_report_for_diff(const std::filesystem::path& path)
{
    auto input = load_for_validation(path);
    FWCTL_TRY(input);
    for (auto& document : input->documents) {
        if (document.kind != LoadedDocument::Kind::report) {
            continue;
        }
        FWCTL_TRY(report_schema().validate_or_error(document.doc, document.name));
        return std::move(document.doc);
    }
    return fail(Errc::invalid_input, path.string(),
                "not an fwctl-report report (a device document or a manifest alone cannot be compared)");
}

}  // namespace fwctl::report
