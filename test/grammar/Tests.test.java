// SYNTAX TEST "source.java" "Testcontainers in Java"
class Tests {
    static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16.4");
//                                         ^^^^^^^^^^^^^^^^^^^^^ entity.name.function.imageref
//                                                               ^ string.quoted.double.imageref punctuation.definition.string.begin.imageref
//                                                                ^^^^^^^^ string.quoted.double.imageref meta.image-reference.imageref entity.name.type.repository.imageref
//                                                                         ^^^^ string.quoted.double.imageref meta.image-reference.imageref constant.other.tag.imageref
    static DockerImageName KAFKA = DockerImageName.parse("apache/kafka:3.8.0");
//                                                        ^^^^^^^^^^^^ meta.image-reference.imageref entity.name.type.repository.imageref
    // new GenericContainer<>("commented:1")
//                            ^^^^^^^^^^^ - meta.image-reference.imageref
    String other = "redis:7";
//                  ^^^^^^^ - meta.image-reference.imageref
}
