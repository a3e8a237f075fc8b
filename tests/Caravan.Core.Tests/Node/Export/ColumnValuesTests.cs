using Caravan.Core.Node.Export;

namespace Caravan.Core.Tests.Node.Export;

public class ColumnValuesTests
{
    [Fact]
    public void Times_are_UTC_to_the_microsecond_the_same_whatever_kind_the_engine_returned()
    {
        var utc = new DateTime(2026, 12, 5, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567);
        var unspecified = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);

        ColumnValues.Format(utc).ShouldBe("2026-12-05T03:04:05.123456Z");
        ColumnValues.Format(unspecified).ShouldBe("2026-12-05T03:04:05.123456Z");
        ColumnValues.Format(new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(5))).ShouldBe("2026-12-05T03:04:05.123456Z");
        var parsed = (DateTime)ColumnValues.ParseScalar("2026-12-05T03:04:05.123456Z", typeof(DateTime));
        parsed.Kind.ShouldBe(DateTimeKind.Utc);
        parsed.Ticks.ShouldBe(utc.Ticks - 7);
    }

    [Fact]
    public void Numbers_guids_bytes_and_enums_have_one_invariant_text()
    {
        ColumnValues.Format(12.50m).ShouldBe("12.5");
        ColumnValues.Format(12m).ShouldBe("12");
        ColumnValues.Format(0.000001m).ShouldBe("0.000001");
        ColumnValues.Format(new Guid("0A1B2C3D-0000-7000-8000-00000000ABCD")).ShouldBe("0a1b2c3d-0000-7000-8000-00000000abcd");
        ColumnValues.Format(new byte[] { 0, 255, 16 }).ShouldBe("AP8Q");
        ColumnValues.Format(DayOfWeek.Friday).ShouldBe("5");
        ColumnValues.Format(true).ShouldBe("true");
        ColumnValues.Format(new DateOnly(2026, 2, 3)).ShouldBe("2026-02-03");
        ColumnValues.ParseScalar("12.5", typeof(decimal)).ShouldBe(12.5m);
        ColumnValues.ParseScalar("5", typeof(DayOfWeek)).ShouldBe(DayOfWeek.Friday);
        ColumnValues.ParseScalar("AP8Q", typeof(byte[])).ShouldBe(new byte[] { 0, 255, 16 });
        Should.Throw<FormatException>(() => ColumnValues.ParseScalar("yes", typeof(bool)));
    }

    [Fact]
    public void Json_is_compact_with_ordered_keys_so_jsonb_and_sqlite_text_agree()
    {
        var sqlite = """[{"Level":"Native","Code":"uz"},{"Level":"B1","Code":"ru"}]""";
        var jsonb = """[{"Code": "uz", "Level": "Native"}, {"Code": "ru", "Level": "B1"}]""";

        ColumnValues.CanonicalJson(sqlite).ShouldBe("""[{"Code":"uz","Level":"Native"},{"Code":"ru","Level":"B1"}]""");
        ColumnValues.CanonicalJson(jsonb).ShouldBe(ColumnValues.CanonicalJson(sqlite));
        ColumnValues.CanonicalJson("""{"name":"Нодира"}""").ShouldBe("""{"name":"Нодира"}""");
    }

    [Theory]
    [InlineData("20261205013937_ImportedDatasets", "ImportedDatasets")]
    [InlineData("20261205013947_ImportedDatasets", "ImportedDatasets")]
    [InlineData("Custom_Name", "Custom_Name")]
    public void A_migration_is_compared_by_name_because_each_engine_has_its_own_timestamps(string id, string name) =>
        ExportManifest.MigrationName(id).ShouldBe(name);
}
