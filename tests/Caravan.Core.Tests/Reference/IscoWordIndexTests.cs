using Caravan.Core.Reference;

namespace Caravan.Core.Tests.Reference;

public sealed class IscoWordIndexTests
{
    private static readonly IscoWordIndex Index = new([
        ("7212", ["welders", "and", "flame", "cutters"]),
        ("7212", ["сварщики", "и", "газорезчики"]),
        ("7112", ["bricklayers", "and", "related", "workers"]),
        ("9313", ["building", "construction", "labourers"]),
        ("7119", ["building", "frame", "and", "related", "trades", "workers"]),
    ]);

    [Fact]
    public void A_word_finds_every_title_with_a_word_starting_with_it()
    {
        Assert.Equal(["7212"], Index.Matching(["weld"]));
        Assert.Equal(["7212"], Index.Matching(["свар"]));
        Assert.Equal(["7119", "9313"], Index.Matching(["build"]));
        Assert.Equal(["7112", "7119"], Index.Matching(["work"]));
    }

    [Fact]
    public void Every_word_must_be_in_the_same_title()
    {
        Assert.Equal(["7119"], Index.Matching(["build", "work"]));

        // "welders" is in the English title and "сварщики" in the Russian one: no one title has both.
        Assert.Empty(Index.Matching(["weld", "свар"]));
    }

    [Fact]
    public void A_prefix_that_no_word_starts_with_finds_nothing()
    {
        Assert.Empty(Index.Matching(["zz"]));
        Assert.Empty(Index.Matching(["weldx"]));
        Assert.Empty(Index.Matching([]));
    }

    [Fact]
    public void A_word_matches_at_the_ends_of_the_sorted_list()
    {
        Assert.Equal(["7112", "7119", "7212"], Index.Matching(["and"]));
        Assert.Equal(["7212"], Index.Matching(["и"]));
    }
}
