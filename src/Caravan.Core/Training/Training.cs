using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Training;

/// <summary>The subjects of pre-departure orientation the region agreed on.</summary>
public enum CourseTopic
{
    RightsAndLaw,
    LanguageBasics,
    MoneyAndRemittances,
    HealthAndSafety,
    TraffickingAndForcedLabour,
    Culture,
}

/// <summary>A course: a topic, for one destination or for any, of a given length. Its name is the topic's, in the reader's language.</summary>
public sealed class Course
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public CourseTopic Topic { get; set; }

    /// <summary>ISO alpha-2 of the destination the course prepares for; null for a course for every destination.</summary>
    public string? DestinationCountry { get; set; }

    public int Hours { get; set; }
}

/// <summary>A place where sessions are held: a centre of the ministry or a partner, in a region of the country.</summary>
public sealed class TrainingCentre
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string City { get; set; }

    public required string Address { get; set; }
}

/// <summary>One sitting of a course at a centre: a date and time, a language, seats, and the trainer who runs it.</summary>
public sealed class TrainingSession : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    public Guid CentreId { get; set; }

    public TrainingCentre? Centre { get; set; }

    /// <summary>Local time at the centre.</summary>
    public DateTime StartsAt { get; set; }

    public required string Language { get; set; }

    public int Capacity { get; set; }

    /// <summary>The trainer who records attendance and assessment; only they may.</summary>
    public Guid? TrainerId { get; set; }

    /// <summary>Changed with every enrolment and cancellation, so two people taking the last seat at once cannot both get it.</summary>
    public DateTime? SeatsChangedAt { get; set; }

    public Guid Version { get; set; }
}

public enum EnrolmentStatus
{
    /// <summary>Has a seat.</summary>
    Enrolled,

    /// <summary>The session was full; takes the first seat that is given up, in order of asking.</summary>
    Waiting,
    Passed,
    Failed,
    Absent,
    Cancelled,
}

/// <summary>A person's place in a session, or on its waiting list, and how it ended.</summary>
public sealed class Enrolment : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SessionId { get; set; }

    public TrainingSession? Session { get; set; }

    public Guid PersonId { get; set; }

    public EnrolmentStatus Status { get; set; }

    public DateTime EnrolledAt { get; set; }

    /// <summary>Enrolled by the person ("self") or by staff at a centre (their actor name).</summary>
    public required string EnrolledBy { get; set; }

    public DateTime? AssessedAt { get; set; }

    /// <summary>When the reminder SMS was queued, so the reminder job sends each one once.</summary>
    public DateTime? RemindedAt { get; set; }

    public Guid Version { get; set; }
}

internal sealed class TrainingMappings : IEntityTypeConfiguration<Course>, IEntityTypeConfiguration<TrainingCentre>, IEntityTypeConfiguration<TrainingSession>, IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Topic).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.DestinationCountry).HasMaxLength(2);
    }

    public void Configure(EntityTypeBuilder<TrainingCentre> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.Address).HasMaxLength(300);
    }

    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne(s => s.Course).WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Centre).WithMany().HasForeignKey(s => s.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.StartsAt);
        builder.HasIndex(s => s.TrainerId);
        builder.Property(s => s.Language).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne(e => e.Session).WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.SessionId, e.PersonId }).IsUnique();
        builder.HasIndex(e => e.PersonId);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.EnrolledBy).HasMaxLength(100);
    }
}
