//! A record's fields as a ledger needs them: only the fields its columns show, serialised one
//! by one into slots, with no map of the whole record (building and freeing one per row was
//! most of the cost of a large batch).

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use std::collections::HashMap;

/// Slot of each field a ledger reads.
pub type FieldIndex = HashMap<&'static str, usize>;

pub struct Fields<'a> {
    index: &'a FieldIndex,
    values: Vec<Value>,
}

impl<'a> Fields<'a> {
    /// The fields of `record` (a struct) that `index` names.
    pub fn of<T: Serialize>(record: &T, index: &'a FieldIndex) -> Fields<'a> {
        let mut f = Fields { index, values: vec![Value::Null; index.len()] };
        record.serialize(Slots { fields: &mut f }).expect("records serialise as structs");
        f
    }

    /// The fields of a record read back as a JSON object (an audit entry's copy of it).
    pub fn from_object(object: &serde_json::Map<String, Value>, index: &'a FieldIndex) -> Fields<'a> {
        let mut f = Fields { index, values: vec![Value::Null; index.len()] };
        for (key, &i) in index {
            if let Some(v) = object.get(*key) {
                f.values[i] = v.clone();
            }
        }
        f
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.index.get(key).map(|&i| &self.values[i]).filter(|v| !v.is_null())
    }

    pub fn set(&mut self, key: &str, value: impl Into<Value>) {
        if let Some(&i) = self.index.get(key) {
            self.values[i] = value.into();
        }
    }
}

struct Slots<'f, 'a> {
    fields: &'f mut Fields<'a>,
}

fn not_a_record() -> serde_json::Error {
    ser::Error::custom("a ledger row is made from a record (a struct)")
}

macro_rules! refuse {
    ($($name:ident($($t:ty),*) -> $ok:ty;)*) => {
        $(fn $name(self, $(_: $t),*) -> Result<$ok, Self::Error> { Err(not_a_record()) })*
    };
}

impl<'f, 'a> Serializer for Slots<'f, 'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Self::Error> {
        Err(not_a_record())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), Self::Error> {
        Err(not_a_record())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Self::Error> {
        Err(not_a_record())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Self::Error> {
        Ok(self)
    }
}

impl SerializeStruct for Slots<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error> {
        // Fields no column shows (a case's parties on the case ledger …) are not even serialised.
        if let Some(&i) = self.fields.index.get(key) {
            self.fields.values[i] = serde_json::to_value(value)?;
        }
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}
