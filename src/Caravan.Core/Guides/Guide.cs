using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Guides;

public enum GuideKind
{
    /// <summary>Rights, wages, stay and contacts for one destination country.</summary>
    Destination,
    Faq,
    Story,
}

public enum GuideStatus
{
    /// <summary>Being written; the public sees the last published text, if any.</summary>
    Draft,

    /// <summary>Sent for review; another officer publishes it or sends it back.</summary>
    InReview,

    /// <summary>The working text is the one the public sees.</summary>
    Published,
}

/// <summary>
/// One guide in one language. Officers edit the working text (<see cref="Title"/>, <see cref="Summary"/>,
/// <see cref="Body"/>); publication, after review by another officer, copies it to the published fields, so the public
/// keeps reading the last reviewed text while a revision waits.
/// </summary>
public sealed class Guide : IVersioned
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxBody = 40_000;
    public const int MaxSlug = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Names the guide across languages: the Russian and Tajik texts of "russia" are one guide.</summary>
    public required string Slug { get; set; }

    public required string Language { get; set; }

    public GuideKind Kind { get; set; }

    /// <summary>ISO 3166-1 alpha-2 of the destination a destination guide is about.</summary>
    public string? DestinationCountry { get; set; }

    /// <summary>Written in plain language for young people, and listed on the youth page.</summary>
    public bool ForYouth { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    /// <summary>Markdown, as the officer wrote it.</summary>
    public required string Body { get; set; }

    public GuideStatus Status { get; set; }

    public required string WrittenBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public string? PublishedTitle { get; set; }

    public string? PublishedSummary { get; set; }

    /// <summary>The published Markdown rendered and sanitised once, at publication.</summary>
    public string? PublishedHtml { get; set; }

    /// <summary>Lower-cased plain text of the published title, summary and body, for search.</summary>
    public string? PublishedText { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>The date an officer last checked the published facts (wages, deadlines, contacts) were still true.</summary>
    public DateOnly? LastCheckedOn { get; set; }

    public Guid Version { get; set; }

    public bool IsPublished => PublishedAt is not null;
}

internal sealed class GuideMapping : IEntityTypeConfiguration<Guide>
{
    public void Configure(EntityTypeBuilder<Guide> builder)
    {
        builder.HasKey(g => g.Id);
        builder.HasIndex(g => new { g.Slug, g.Language }).IsUnique();
        builder.HasIndex(g => new { g.Language, g.PublishedAt });
        builder.Property(g => g.Slug).HasMaxLength(Guide.MaxSlug);
        builder.Property(g => g.Language).HasMaxLength(10);
        builder.Property(g => g.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.DestinationCountry).HasMaxLength(2);
        builder.Property(g => g.Title).HasMaxLength(Guide.MaxTitle);
        builder.Property(g => g.Summary).HasMaxLength(Guide.MaxSummary);
        builder.Property(g => g.Body).HasMaxLength(Guide.MaxBody);
        builder.Property(g => g.WrittenBy).HasMaxLength(100);
        builder.Property(g => g.ReviewedBy).HasMaxLength(100);
        builder.Property(g => g.PublishedTitle).HasMaxLength(Guide.MaxTitle);
        builder.Property(g => g.PublishedSummary).HasMaxLength(Guide.MaxSummary);
        builder.Ignore(g => g.IsPublished);
    }
}
