using Caravan.Core.Data;

namespace Caravan.Core.Tests.Data;

public class SequentialIdsTests
{
    [Fact]
    public void Ids_made_in_the_same_millisecond_still_sort_in_the_order_they_were_made_as_guids_as_text_and_as_bytes()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => SequentialIds.Next()).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            ids[i].CompareTo(ids[i - 1]).ShouldBePositive();
            // SQLite keeps a Guid as upper-case text, PostgreSQL as 16 big-endian bytes: both must sort the same way.
            string.CompareOrdinal(ids[i].ToString().ToUpperInvariant(), ids[i - 1].ToString().ToUpperInvariant()).ShouldBePositive();
            ids[i].ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(ids[i - 1].ToByteArray(bigEndian: true)).ShouldBePositive();
        }

        // Far more ids than milliseconds passed, so many were made in the same millisecond, and all are version 7.
        ids.Select(id => id.ToString()[..13]).Distinct().Count().ShouldBeLessThan(ids.Count);
        ids.ShouldAllBe(id => id.Version == 7);
    }
}
