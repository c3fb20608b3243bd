-- A schema as a person writes it by hand: unnamed and column-level constraints, odd spacing,
-- comments, lower-case keywords. Introspection must recover what the catalog does not keep.
create table authors (
  id integer primary key,            -- rowid alias, no explicit NOT NULL
  email varchar(120) not null unique,
  status text default ( 'active' ) check (status in ('active','banned')),
  "display, name" text constraint display_name_set check ( length("display, name")  >  0 ),
  born date default current_date,
  constraint uq_authors_display unique ("display, name", born)
);

create table books (
  author_id int references authors on delete cascade,   -- omits the referred column: the PK
  isbn char(13) not null,
  price decimal(8,2) default 0 /* free until priced, (sic) */,
  pages int check (pages > 0),
  constraint pk_books primary key (author_id, isbn),
  foreign key (author_id) references authors (id) on update restrict,
  check (price >= 0)
);

create index books_by_price on books (price desc) where price > 0;
create unique index authors_email_lower on authors (lower(email));
