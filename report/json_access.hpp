// Reading report documents that came from somewhere else (a customer's
// archive, a hand-edited file): lookups that never throw and never assert.
// nlohmann's const operator[] on a missing key is undefined behaviour and
// get<T>() throws on a type mismatch, so code that walks untrusted documents
// (diff, summary) uses only these.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace fwctl::report {

// The member `key` of an object, or nullptr (not an object, or no such key).
template <class J>
const J* member(const J* object, std::string_view key)
{
    if (object == nullptr || !object->is_object()) {
        return nullptr;
    }
    auto it = object->find(key);
    return it == object->end() ? nullptr : &*it;
}

// member() along a path: at(doc, {"parent", "pci", "address"}).
template <class J>
const J* at(const J& root, std::initializer_list<std::string_view> path)
{
    const J* node = &root;
    for (auto key : path) {
        node = member(node, key);
    }
    return node;
}

// The string, or `fallback` when the value is missing or not a string.
template <class J>
std::string text_or(const J* value, std::string_view fallback = {})
{
    if (value != nullptr && value->is_string()) {
        return value->template get_ref<const typename J::string_t&>();
    }
    return std::string(fallback);
}

// A value as one line of text for people: strings as they are, null as
// `null_text`, numbers and booleans as JSON spells them, containers compact.
// Invalid UTF-8 (possible in YAML input) is replaced rather than thrown on.
template <class J>
std::string display_text(const J* value, std::string_view null_text = "-")
{
    if (value == nullptr || value->is_null()) {
        return std::string(null_text);
    }
    if (value->is_string()) {
        return value->template get_ref<const typename J::string_t&>();
    }
    return value->dump(-1, ' ', false, J::error_handler_t::replace);
}

// A copy of the value, or null when it is missing.
template <class J>
J value_or_null(const J* value)
{
    return value != nullptr ? *value : J(nullptr);
}

// The array, or an empty array when the value is missing or not an array, so
// loops over optional lists need no checks.
template <class J>
const J& array_or_empty(const J* value)
{
    static const J empty = J::array();
    return value != nullptr && value->is_array() ? *value : empty;
}

}  // namespace fwctl::report
