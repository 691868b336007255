#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>

namespace ms {

/// A fixed block of memory for the event log's chunks and value pages:
/// allocated once, never moved or grown, freed whole. (Taken from the heap,
/// not mapped on its own: measured with the bench, mapped blocks left the
/// session's freed objects as holes in the heap and raised the peak.)
class Pages
{
public:
    Pages() = default;
    explicit Pages(std::size_t bytes)
        : m_data(static_cast<unsigned char *>(std::malloc(bytes)))
        , m_size(bytes)
    {
        if (!m_data)
            throw std::bad_alloc();
    }
    Pages(Pages &&other) noexcept
        : m_data(std::exchange(other.m_data, nullptr))
        , m_size(std::exchange(other.m_size, 0))
    {
    }
    Pages &operator=(Pages &&other) noexcept
    {
        if (this != &other) {
            std::free(m_data);
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
        }
        return *this;
    }
    Pages(const Pages &) = delete;
    Pages &operator=(const Pages &) = delete;
    ~Pages() { std::free(m_data); }

    unsigned char *data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace ms
